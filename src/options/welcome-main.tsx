import '../shared/i18n-bundle.ts';
import { render } from 'preact';
import '../shared/ui.css';
import './options.css';
import { Welcome } from './WelcomePage.tsx';
import { t } from '../shared/i18n.ts';

// The tab's title in the shopper's language (the page's <title> is only what shows before this runs).
document.title = t('welcomeTitle');
render(<Welcome />, document.getElementById('app')!);
