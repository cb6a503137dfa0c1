import { intlLocale, useI18n } from '../../composables/useI18n.ts';

// The texts of the map on which a citizen picks a place (French first, English second).
const fr = {
  'place.map': 'Carte : {label}',
  'place.roleDescription': 'carte',
  'place.help':
    'Cliquez ou touchez la carte pour placer le repère ; faites-le glisser pour l’ajuster, ou glissez le fond pour vous déplacer. Au clavier : Entrée place le repère au centre, les flèches le déplacent (Maj + flèche : plus loin), + et − zooment, Suppr le retire. Vous pouvez aussi chercher une adresse ci-dessus, ou saisir l’adresse ou les coordonnées dans les champs.',
  'place.zoomIn': 'Zoomer',
  'place.zoomOut': 'Dézoomer',
  'place.locate': 'Utiliser ma position',
  'place.locating': 'Recherche de votre position…',
  'place.clear': 'Retirer le repère',
  'place.none': 'Aucun repère placé.',
  'place.at': 'Repère placé : latitude {latitude}, longitude {longitude}.',
  'place.denied':
    'Votre position n’est pas disponible (autorisation refusée) : placez le repère sur la carte ou saisissez l’adresse.',
  'place.unavailable': 'Votre position n’a pas pu être trouvée : placez le repère sur la carte ou saisissez l’adresse.',
  'place.shown': 'Lieu indiqué : latitude {latitude}, longitude {longitude}.',
  'place.shownAt': 'Lieu indiqué : {address} (latitude {latitude}, longitude {longitude}).',
  'place.noTiles': 'Fond de carte : quadrillage (sans connexion à un serveur de cartes).',
  'place.tilesDown': 'Fond de carte : quadrillage (le serveur de cartes ne répond pas).',
  'place.tiles': 'Fond de carte : {host}.',
  'place.tilesFrom': 'Fond de carte : {source}.',
  'place.search': 'Rechercher une adresse',
  'place.searchButton': 'Chercher l’adresse',
  'place.searching': 'Recherche de l’adresse…',
  'place.tooShort': 'Tapez au moins trois caractères de l’adresse.',
  'place.found': 'Adresse trouvée : {address}. Le repère y est placé.',
  'place.notFound': 'Aucune adresse trouvée pour « {query} » : vérifiez-la, ou placez le repère sur la carte.',
  'place.otherResults': 'Autres adresses trouvées :',
  'place.nearest': 'Adresse la plus proche : {address}.',
  'place.noneNear': 'Aucune adresse connue près du repère : précisez le lieu dans le champ d’adresse.',
  'place.geocoderDown':
    'Le service des adresses ne répond pas : placez le repère sur la carte et saisissez l’adresse vous-même.',
  'place.scale': 'Échelle : {scale}.',
};

const en: typeof fr = {
  'place.map': 'Map: {label}',
  'place.roleDescription': 'map',
  'place.help':
    'Click or tap the map to place the pin; drag it to adjust, or drag the background to move around. With the keyboard: Enter places the pin at the centre, the arrow keys move it (Shift + arrow: further), + and − zoom, Delete removes it. You can also search for an address above, or type the address or the coordinates in the fields.',
  'place.zoomIn': 'Zoom in',
  'place.zoomOut': 'Zoom out',
  'place.locate': 'Use my position',
  'place.locating': 'Finding your position…',
  'place.clear': 'Remove the pin',
  'place.none': 'No pin placed.',
  'place.at': 'Pin placed: latitude {latitude}, longitude {longitude}.',
  'place.denied': 'Your position is not available (permission refused): place the pin on the map or type the address.',
  'place.unavailable': 'Your position could not be found: place the pin on the map or type the address.',
  'place.shown': 'Place given: latitude {latitude}, longitude {longitude}.',
  'place.shownAt': 'Place given: {address} (latitude {latitude}, longitude {longitude}).',
  'place.noTiles': 'Background: a grid (no map server connected).',
  'place.tilesDown': 'Background: a grid (the map server does not answer).',
  'place.tiles': 'Background: {host}.',
  'place.tilesFrom': 'Background: {source}.',
  'place.search': 'Search for an address',
  'place.searchButton': 'Find the address',
  'place.searching': 'Looking up the address…',
  'place.tooShort': 'Type at least three characters of the address.',
  'place.found': 'Address found: {address}. The pin is placed there.',
  'place.notFound': 'No address found for “{query}”: check it, or place the pin on the map.',
  'place.otherResults': 'Other addresses found:',
  'place.nearest': 'Nearest address: {address}.',
  'place.noneNear': 'No known address near the pin: describe the place in the address field.',
  'place.geocoderDown': 'The address service does not answer: place the pin on the map and type the address yourself.',
  'place.scale': 'Scale: {scale}.',
};

export type MapKey = keyof typeof fr;

// built once per locale: a number format costs milliseconds, and coordinates are written on every move
const coordinateFormats = new Map<string, Intl.NumberFormat>();
function coordinateFormat(locale: string): Intl.NumberFormat {
  let format = coordinateFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { minimumFractionDigits: 5, maximumFractionDigits: 6 });
    coordinateFormats.set(locale, format);
  }
  return format;
}

export function useMapI18n() {
  const { lang } = useI18n();
  const t = (key: MapKey, params: Record<string, string | number> = {}) =>
    (lang.value === 'en' ? en : fr)[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in params ? String(params[name]) : whole,
    );
  const locale = () => intlLocale(lang.value);
  const coordinate = (value: number) => coordinateFormat(locale()).format(value);
  return { lang, t, locale, coordinate };
}
