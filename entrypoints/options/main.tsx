import { render } from 'preact';
import { OptionsApp } from '../../components/options/OptionsApp';
import { displayLocale, t } from '../../components/i18n';
import '../../components/styles/card.css';
import '../../components/styles/page-tokens.css';
import '../../components/options/options.css';

document.documentElement.lang = displayLocale();
document.title = t('opt_title');

const root = document.getElementById('app');
if (root) render(<OptionsApp />, root);
