import { render } from 'preact';
import { PopupApp } from '../../components/PopupApp';
import { displayLocale, t } from '../../components/i18n';
import '../../components/styles/card.css';
import '../../components/styles/page-tokens.css';
import '../../components/styles/popup.css';

document.documentElement.lang = displayLocale();
document.title = t('extName');

const root = document.getElementById('app');
if (root) render(<PopupApp />, root);
