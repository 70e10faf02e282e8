import { render } from 'preact';
import '../shared/ui.css';
import './options.css';
import { Similar } from './SimilarPage.tsx';

render(<Similar />, document.getElementById('app')!);
