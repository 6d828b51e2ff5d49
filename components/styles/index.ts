/**
 * The card styles as a string, for shadow roots (the in-page hovercard):
 *   const style = document.createElement('style'); style.textContent = cardCss; shadow.append(style);
 * The popup imports the .css files directly instead.
 */
export { default as cardCss } from './card.css?inline';
