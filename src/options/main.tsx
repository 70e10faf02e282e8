import { render } from 'preact';
import '../shared/ui.css';
import './options.css';
import { Options } from './Options.tsx';

render(<Options />, document.getElementById('app')!);
