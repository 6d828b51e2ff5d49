import { render } from 'preact';
import { SidePanelApp } from '../../components/sidepanel/SidePanelApp';
import { displayLocale, t } from '../../components/i18n';
import '../../components/styles/card.css';
import '../../components/styles/page-tokens.css';
import '../../components/styles/popup.css';
import '../../components/sidepanel/sidepanel.css';

document.documentElement.lang = displayLocale();
document.title = t('sp_title');

const root = document.getElementById('app');
if (root) render(<SidePanelApp />, root);
