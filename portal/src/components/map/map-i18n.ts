import { useI18n } from '../../composables/useI18n.ts';

// The texts of the map on which a citizen picks a place (French first, English second).
const fr = {
  'place.map': 'Carte : {label}',
  'place.roleDescription': 'carte',
  'place.help':
    'Cliquez ou touchez la carte pour placer le repère ; faites-le glisser pour l’ajuster, ou glissez le fond pour vous déplacer. Au clavier : Entrée place le repère au centre, les flèches le déplacent (Maj + flèche : plus loin), + et − zooment, Suppr le retire. Vous pouvez aussi saisir l’adresse ou les coordonnées dans les champs.',
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
  'place.tiles': 'Fond de carte : {host}.',
  'place.scale': 'Échelle : {scale}.',
};

const en: typeof fr = {
  'place.map': 'Map: {label}',
  'place.roleDescription': 'map',
  'place.help':
    'Click or tap the map to place the pin; drag it to adjust, or drag the background to move around. With the keyboard: Enter places the pin at the centre, the arrow keys move it (Shift + arrow: further), + and − zoom, Delete removes it. You can also type the address or the coordinates in the fields.',
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
  'place.tiles': 'Background: {host}.',
  'place.scale': 'Scale: {scale}.',
};

export type MapKey = keyof typeof fr;

export function useMapI18n() {
  const { lang } = useI18n();
  const t = (key: MapKey, params: Record<string, string | number> = {}) =>
    (lang.value === 'en' ? en : fr)[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in params ? String(params[name]) : whole,
    );
  const locale = () => (lang.value === 'en' ? 'en-GB' : 'fr-FR');
  const coordinate = (value: number) =>
    new Intl.NumberFormat(locale(), { minimumFractionDigits: 5, maximumFractionDigits: 6 }).format(value);
  return { lang, t, locale, coordinate };
}
