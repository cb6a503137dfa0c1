import flatpickr from 'flatpickr';
import { english } from 'flatpickr/dist/l10n/default.js';
import { French } from 'flatpickr/dist/l10n/fr.js';
import type { Lang } from '../composables/useI18n.ts';

// form-js writes a few texts of its own, in English only (it has no translations): select and
// search placeholders, list and number buttons' names. In French the portal
// rewrites them as form-js draws them; its date picker (flatpickr) has its own French locale.
const FRENCH: Record<string, string> = {
  Select: 'Choisir…',
  Search: 'Rechercher',
  'No results': 'Aucun résultat',
  'All values selected': 'Toutes les valeurs sont choisies',
  Increment: 'Augmenter',
  Decrement: 'Diminuer',
  'Remove tag': 'Retirer',
  'Add new': 'Ajouter',
  'Nothing to show.': 'Rien à afficher.',
  'Previous page': 'Page précédente',
  'Next page': 'Page suivante',
  'Powered by bpmn.io': 'Propulsé par bpmn.io',
  'Web-based tooling for BPMN, DMN, and forms powered by':
    'Outils en ligne pour BPMN, DMN et formulaires, propulsés par',
  Time: 'Heure',
};

// flatpickr's French leaves the calendar's fields named in English.
const FRENCH_CALENDAR = {
  ...French,
  yearAriaLabel: 'Année',
  monthAriaLabel: 'Mois',
  hourAriaLabel: 'Heure',
  minuteAriaLabel: 'Minute',
};

const FRENCH_PATTERNS: [RegExp, (...parts: string[]) => string][] = [
  [/^Remove list item (\d+)$/, (_, index) => `Retirer l’élément ${index}`],
  [/^Download (.+)$/, (_, name) => `Télécharger ${name}`],
  // The date's placeholder follows the browser's order (dd/mm/yyyy, mm/dd/yyyy…); French says jj and aaaa.
  [/^[dmy]+([./-])[dmy]+\1[dmy]+$/, (whole) => whole.replaceAll('d', 'j').replaceAll('y', 'a')],
];

const ATTRIBUTES = ['placeholder', 'aria-label', 'title'];

function french(text: string): string | undefined {
  const trimmed = text.trim();
  if (FRENCH[trimmed]) return text.replace(trimmed, FRENCH[trimmed]);
  for (const [pattern, replace] of FRENCH_PATTERNS) {
    const match = trimmed.match(pattern);
    if (match) return text.replace(trimmed, replace(...match));
  }
  return undefined;
}

function translate(node: Node) {
  if (node.nodeType === Node.TEXT_NODE) {
    const text = french(node.nodeValue ?? '');
    if (text !== undefined) node.nodeValue = text;
    return;
  }
  if (!(node instanceof Element)) return;
  for (const element of [node, ...node.querySelectorAll('*')]) {
    for (const name of ATTRIBUTES) {
      const value = element.getAttribute(name);
      const text = value === null ? undefined : french(value);
      if (text !== undefined) element.setAttribute(name, text);
    }
    for (const child of element.childNodes) if (child.nodeType === Node.TEXT_NODE) translate(child);
  }
}

/**
 * Puts form-js's own texts in the portal's language in the container, now and as form-js redraws;
 * returns what stops it. Call it before the form is drawn (the date picker takes its locale then).
 */
export function formJsInLanguage(container: HTMLElement, lang: Lang): () => void {
  flatpickr.localize(lang === 'fr' ? FRENCH_CALENDAR : english);
  if (lang === 'en') return () => {};
  translate(container);
  const observer = new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      if (mutation.type === 'childList') mutation.addedNodes.forEach(translate);
      else if (mutation.type === 'characterData') translate(mutation.target);
      else if (mutation.type === 'attributes') translate(mutation.target);
    }
  });
  observer.observe(container, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: ATTRIBUTES,
  });
  return () => observer.disconnect();
}
