import '../shared/i18n-bundle.ts';
import { render } from 'preact';
import '../shared/ui.css';
import './popup.css';
import { Popup } from './Popup.tsx';

render(<Popup />, document.getElementById('app')!);
