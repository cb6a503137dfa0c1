// The first screen of the citizen pages the API can tell from their address, as HTML: the
// layout's header and the page's opening lines, with the elements and classes CitizenLayout,
// SiteHeader and the page draw, in French. The build writes it to `first-screens.json`
// (vite.config.ts); the API serves it inside #app (graphql/src/common/first-screens.ts reads it,
// graphql/src/towns/portal-head.ts fills in `{{town}}`, `{{base}}`, `{{heading}}` and `{{logo}}`),
// so a phone shows the page's heading before the scripts have run. The portal draws the same in
// its place once its first page is loaded (main.ts); test/browser/first-screen.test.ts checks that
// nothing moves when it does.
import { fr } from './i18n/fr.ts';
import { LANG_STORAGE_KEY, READING_CHOICES, READING_STORAGE_KEY } from './reader-choices.ts';

/** The pages with a first screen: the catalogue, a procedure's form (its title is `{{heading}}`), the tracking page. */
export type FirstScreenPage = 'catalogue' | 'procedure' | 'tracking';

export interface FirstScreens {
  pages: Record<FirstScreenPage, string>;
  /** the town's logo in the header, `{{logoUrl}}` its address; `{{logo}}` in the pages when the town has one */
  logo: string;
  /** a script to run right after the first screen, before it paints (see `guard`) */
  guard: string;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const text = (key: keyof typeof fr) => escapeHtml(fr[key]);

/** The header as SiteHeader draws it for a citizen not signed in; `current` marks the link of the page shown. */
function header(current: FirstScreenPage): string {
  const link = (page: FirstScreenPage, path: string, key: keyof typeof fr) =>
    `<li><a href="{{base}}${path}"${page === current ? ' aria-current="page"' : ''}>${text(key)}</a></li>`;
  return [
    '<header class="site-header"><div class="site-header__inner">',
    `<a href="{{base}}/" class="site-header__brand">{{logo}}<span class="site-header__name">{{town}}</span><span class="site-header__tagline">${text('site.tagline')}</span></a>`,
    `<nav class="site-header__nav" aria-label="${text('nav.label')}"><ul class="site-header__links">`,
    link('catalogue', '/', 'nav.catalogue'),
    link('tracking', '/suivi', 'nav.tracking'),
    `</ul><a href="{{base}}/connexion" class="account-entry">${text('nav.signIn')}</a></nav>`,
    `<div class="reading-settings"><button type="button" class="reading-settings__toggle" aria-expanded="false">${text('reading.button')}</button></div>`,
    `<button type="button" class="language-switch" lang="${text('lang.otherCode')}" title="${text('lang.switch')}">${text('lang.other')}</button>`,
    '</div></header>',
  ].join('');
}

/** The opening lines of each page, as its component draws them before its data comes. */
const OPENINGS: Record<FirstScreenPage, string> = {
  catalogue: `<h1>${text('catalogue.title')}</h1><p class="lead">${text('catalogue.intro')}</p>`,
  procedure: `<a href="{{base}}/" class="back-link">← ${text('procedure.back')}</a><h1>{{heading}}</h1>`,
  tracking: `<h1>${text('tracking.title')}</h1><p>${text('tracking.intro')}</p>`,
};

/**
 * What runs before the first screen paints: the reading settings this browser keeps apply at once
 * (main.ts applies them again), and a reader of English gets no first screen, which is French:
 * the portal draws the page in English when it starts.
 */
const guard = () =>
  `try{var h=document.documentElement,s=JSON.parse(localStorage.getItem(${JSON.stringify(READING_STORAGE_KEY)})||"{}"),c=${JSON.stringify(READING_CHOICES)};` +
  'for(var n in c)if(c[n].indexOf(s[n])>=0)h.dataset[n]=s[n];' +
  `if(localStorage.getItem(${JSON.stringify(LANG_STORAGE_KEY)})==="en")document.getElementById("app").textContent=""}catch(e){}`;

export function firstScreens(): FirstScreens {
  const page = (name: FirstScreenPage) =>
    `<div class="layout layout--citizen"><a class="skip-link" href="#contenu">${text('skip.toContent')}</a>${header(name)}<main id="contenu" class="page" tabindex="-1">${OPENINGS[name]}</main></div>`;
  return {
    pages: { catalogue: page('catalogue'), procedure: page('procedure'), tracking: page('tracking') },
    logo: '<img class="site-header__logo" src="{{logoUrl}}" alt="" />',
    guard: guard(),
  };
}
