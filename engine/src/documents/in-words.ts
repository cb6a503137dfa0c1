// Pure: amounts and dates in words, as French administrative decisions write them to rule out any
// tampering with the figures — « mille quatre-vingt-dix-huit euros », « le sept décembre deux mille
// vingt-six » — with English words beside them. Traditional French spelling (hyphens below one hundred).

const UNITS = [
  'zéro',
  'un',
  'deux',
  'trois',
  'quatre',
  'cinq',
  'six',
  'sept',
  'huit',
  'neuf',
  'dix',
  'onze',
  'douze',
  'treize',
  'quatorze',
  'quinze',
  'seize',
];
const TENS = ['', '', 'vingt', 'trente', 'quarante', 'cinquante', 'soixante'];

/** 0–99 in French words; `last`: nothing follows (« quatre-vingts », not « quatre-vingt mille »). */
function belowHundred(n: number, last: boolean): string {
  if (n <= 16) return UNITS[n]!;
  if (n < 20) return `dix-${UNITS[n - 10]}`;
  if (n < 70) {
    const [ten, unit] = [Math.floor(n / 10), n % 10];
    if (unit === 0) return TENS[ten]!;
    return unit === 1 ? `${TENS[ten]} et un` : `${TENS[ten]}-${UNITS[unit]}`;
  }
  if (n < 80) return n === 71 ? 'soixante et onze' : `soixante-${belowHundred(n - 60, true)}`;
  if (n === 80) return last ? 'quatre-vingts' : 'quatre-vingt';
  return `quatre-vingt-${belowHundred(n - 80, true)}`;
}

/** 0–999 in French words. */
function belowThousand(n: number, last: boolean): string {
  const [hundreds, rest] = [Math.floor(n / 100), n % 100];
  if (hundreds === 0) return belowHundred(rest, last);
  const cent = hundreds === 1 ? 'cent' : `${UNITS[hundreds]} cent${rest === 0 && last ? 's' : ''}`;
  return rest === 0 ? cent : `${cent} ${belowHundred(rest, last)}`;
}

/** A whole number from 0 to 999,999,999,999 in French words: 1098 → « mille quatre-vingt-dix-huit ». */
export function frenchNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 1e12) throw new RangeError(`No French words for ${n}.`);
  if (n === 0) return 'zéro';
  const parts: string[] = [];
  const billions = Math.floor(n / 1e9);
  const millions = Math.floor((n % 1e9) / 1e6);
  const thousands = Math.floor((n % 1e6) / 1000);
  const rest = n % 1000;
  // « million » and « milliard » are nouns: « deux cents millions » keeps its s, and takes one.
  if (billions) parts.push(`${belowThousand(billions, true)} milliard${billions > 1 ? 's' : ''}`);
  if (millions) parts.push(`${belowThousand(millions, true)} million${millions > 1 ? 's' : ''}`);
  // « mille » is invariable and never said « un mille »; what comes before it stays bare (« deux cent mille »).
  if (thousands) parts.push(thousands === 1 ? 'mille' : `${belowThousand(thousands, false)} mille`);
  if (rest) parts.push(belowThousand(rest, true));
  return parts.join(' ');
}

const EN_UNITS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const EN_TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

function englishBelowThousand(n: number): string {
  const [hundreds, rest] = [Math.floor(n / 100), n % 100];
  const tens =
    rest < 20 ? EN_UNITS[rest]! : `${EN_TENS[Math.floor(rest / 10)]}${rest % 10 ? `-${EN_UNITS[rest % 10]}` : ''}`;
  if (hundreds === 0) return tens;
  return rest === 0 ? `${EN_UNITS[hundreds]} hundred` : `${EN_UNITS[hundreds]} hundred and ${tens}`;
}

/** A whole number in British English words: 1098 → "one thousand and ninety-eight". */
export function englishNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 1e12) throw new RangeError(`No English words for ${n}.`);
  if (n === 0) return 'zero';
  const groups: [number, string][] = [
    [Math.floor(n / 1e9), 'billion'],
    [Math.floor((n % 1e9) / 1e6), 'million'],
    [Math.floor((n % 1e6) / 1000), 'thousand'],
  ];
  const parts = groups.filter(([value]) => value > 0).map(([value, name]) => `${englishBelowThousand(value)} ${name}`);
  const rest = n % 1000;
  if (rest) parts.push(`${parts.length > 0 && rest < 100 ? 'and ' : ''}${englishBelowThousand(rest)}`);
  return parts.join(' ');
}

/**
 * An amount in euros in words: 1098 → « mille quatre-vingt-dix-huit euros », 918.5 → « neuf cent
 * dix-huit euros et cinquante centimes », 2,000,000 → « deux millions d'euros ».
 */
export function eurosInWords(amount: number, lang: 'fr' | 'en'): string {
  if (!Number.isFinite(amount) || amount < 0) throw new RangeError(`No words for an amount of ${amount}.`);
  const totalCents = Math.round(amount * 100);
  const [euros, cents] = [Math.floor(totalCents / 100), totalCents % 100];
  if (lang === 'en') {
    const main = `${englishNumber(euros)} euro${euros === 1 ? '' : 's'}`;
    return cents ? `${main} and ${englishNumber(cents)} cent${cents === 1 ? '' : 's'}` : main;
  }
  const words = frenchNumber(euros);
  // « un million d'euros »: a noun of number takes « de » before the currency.
  const unit = euros === 1 || euros === 0 ? 'euro' : /(millions?|milliards?)$/.test(words) ? "d'euros" : 'euros';
  const main = `${words} ${unit}`;
  return cents ? `${main} et ${frenchNumber(cents)} centime${cents > 1 ? 's' : ''}` : main;
}

const MONTHS_FR = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];
const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** « le sept décembre deux mille vingt-six », « le premier mai deux mille vingt-sept »; "the seventh of December two thousand and twenty-six". */
export function dateSpelledOut(isoDate: string, lang: 'fr' | 'en'): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) throw new RangeError(`Not a calendar date (YYYY-MM-DD): "${isoDate}".`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > 31) throw new RangeError(`Not a calendar date: "${isoDate}".`);
  if (lang === 'fr')
    return `le ${day === 1 ? 'premier' : frenchNumber(day)} ${MONTHS_FR[month - 1]} ${frenchNumber(year)}`;
  return `the ${englishOrdinal(day)} of ${MONTHS_EN[month - 1]} ${englishNumber(year)}`;
}

function englishOrdinal(n: number): string {
  const irregular: Record<number, string> = {
    1: 'first',
    2: 'second',
    3: 'third',
    5: 'fifth',
    8: 'eighth',
    9: 'ninth',
    12: 'twelfth',
  };
  if (irregular[n]) return irregular[n]!;
  if (n > 20 && n % 10 !== 0) return `${EN_TENS[Math.floor(n / 10)]}-${englishOrdinal(n % 10)}`;
  const words = englishNumber(n);
  return words.endsWith('y') ? `${words.slice(0, -1)}ieth` : `${words}th`;
}
