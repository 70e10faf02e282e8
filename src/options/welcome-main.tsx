import { render } from 'preact';
import '../shared/ui.css';
import './options.css';
import { Welcome } from './WelcomePage.tsx';

render(<Welcome />, document.getElementById('app')!);
