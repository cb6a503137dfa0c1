// A stand-in for PayFiP, the Public Treasury's payment service, speaking its protocol: the SOAP web
// service (creerPaiementSecurise answers an idOp, recupererDetailPaiementSecurise the payment's
// details with resultrans, or the fault P5 while the payer has not finished), the payment page
// (paiementws.web?idop=…, here with three buttons: pay, refuse, abandon), the server-to-server
// notification (idOp posted to urlnotif) and the browser's return to urlredirect.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';

export interface StandInPayment {
  idOp: string;
  numcli: string;
  exer: string;
  montant: string;
  refdet: string;
  objet: string;
  mel: string;
  saisie: string;
  urlnotif: string;
  urlredirect: string;
  /** P paid, R refused, A abandoned; absent until the payer chose */
  resultrans?: 'P' | 'R' | 'A';
  numauto?: string;
}

export interface StandInPayfip {
  url: string;
  serviceUrl: string;
  pageUrl: string;
  payments: Map<string, StandInPayment>;
  /** the notifications it posted, with Parvis's answer */
  notifications: { idOp: string; status: number; body: string }[];
  /** The payer's choice, as the page's buttons make it, then the notification (unless held). */
  choose(idOp: string, result: 'P' | 'R' | 'A'): Promise<void>;
  /** Posts a payment's notification again (as PayFiP does when it got no answer), to its urlnotif or another. */
  notify(idOp: string, urlnotif?: string): Promise<{ status: number; body: string }>;
  /** What the service answers about a payment from now on (a different amount, another reference…). */
  tamper(idOp: string, fields: Partial<StandInPayment>): void;
  stop(): Promise<void>;
}

const RESULT_OF: Record<string, 'P' | 'R' | 'A'> = { pay: 'P', refuse: 'R', abandon: 'A' };

/**
 * `reach` maps an address Parvis gave (its public URL) to where the test's Parvis listens;
 * `holdNotifications`: the page's buttons do not notify (a test posts them itself).
 */
export async function standInPayfip(options: {
  clientNumbers: string[];
  reach?: (url: string) => string;
  holdNotifications?: boolean;
}): Promise<StandInPayfip> {
  const reach = options.reach ?? ((url: string) => url);
  const payments = new Map<string, StandInPayment>();
  const notifications: StandInPayfip['notifications'] = [];

  const notify = async (idOp: string, urlnotif?: string) => {
    const payment = payments.get(idOp)!;
    const response = await fetch(reach(urlnotif ?? payment.urlnotif), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ idOp }).toString(),
    });
    const answer = { idOp, status: response.status, body: await response.text() };
    notifications.push(answer);
    return { status: answer.status, body: answer.body };
  };
  const choose = async (idOp: string, result: 'P' | 'R' | 'A') => {
    const payment = payments.get(idOp);
    if (!payment || payment.resultrans) return;
    payment.resultrans = result;
    if (result === 'P') payment.numauto = String(100000 + payments.size);
    if (!options.holdNotifications) await notify(idOp);
  };

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://payfip.test');
    const body = await read(req);
    if (req.method === 'POST' && url.pathname === '/tpa/services/securite') {
      res.setHeader('content-type', 'text/xml; charset=utf-8');
      const answer = soap(body);
      res.statusCode = answer.fault ? 500 : 200;
      res.end(answer.xml);
      return;
    }
    if (url.pathname === '/tpa/paiementws.web') {
      if (req.method === 'GET') {
        const payment = payments.get(url.searchParams.get('idop') ?? '');
        res.setHeader('content-type', 'text/html; charset=utf-8');
        if (!payment) {
          res.statusCode = 404;
          res.end(
            '<!doctype html><html lang="fr"><title>PayFiP</title><main><h1>Opération inconnue</h1></main></html>',
          );
          return;
        }
        res.end(page(payment));
        return;
      }
      const form = new URLSearchParams(body);
      const idOp = form.get('idop') ?? '';
      const result = RESULT_OF[form.get('action') ?? ''];
      const payment = payments.get(idOp);
      if (!payment || !result) {
        res.statusCode = 400;
        res.end('bad request');
        return;
      }
      await choose(idOp, result);
      res.statusCode = 303;
      res.setHeader('location', reach(payment.urlredirect));
      res.end();
      return;
    }
    res.statusCode = 404;
    res.end();
  });

  function soap(xml: string): { xml: string; fault?: boolean } {
    const operation = /<(?:[\w-]+:)?(creerPaiementSecurise|recupererDetailPaiementSecurise)>/.exec(xml)?.[1];
    const field = (name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1]?.replace(/&amp;/g, '&');
    if (operation === 'creerPaiementSecurise') {
      const payment: StandInPayment = {
        idOp: randomBytes(12).toString('hex'),
        numcli: field('numcli') ?? '',
        exer: field('exer') ?? '',
        montant: field('montant') ?? '',
        refdet: field('refdet') ?? '',
        objet: field('objet') ?? '',
        mel: field('mel') ?? '',
        saisie: field('saisie') ?? '',
        urlnotif: field('urlnotif') ?? '',
        urlredirect: field('urlredirect') ?? '',
      };
      if (!options.clientNumbers.includes(payment.numcli)) return fault('P2', 'Numéro de client inconnu');
      if (!/^[1-9][0-9]*$/.test(payment.montant)) return fault('P3', 'Montant invalide');
      if (!/^[A-Za-z0-9]{6,30}$/.test(payment.refdet)) return fault('P4', 'Référence invalide');
      if (!/^[A-Za-z0-9 ]{1,100}$/.test(payment.objet)) return fault('P6', 'Objet invalide');
      if (!['T', 'X', 'W'].includes(payment.saisie) || !payment.mel.includes('@'))
        return fault('P7', 'Paramètre invalide');
      payments.set(payment.idOp, payment);
      return answer('creerPaiementSecurise', `<idOp>${payment.idOp}</idOp>`);
    }
    if (operation === 'recupererDetailPaiementSecurise') {
      const payment = payments.get(field('idOp') ?? '');
      if (!payment) return fault('P1', 'IdOp incorrect');
      if (!payment.resultrans) return fault('P5', 'Résultat de la transaction non connu');
      const fields = [
        'dattrans',
        'exer',
        'heurtrans',
        'idOp',
        'mel',
        'montant',
        'numauto',
        'numcli',
        'objet',
        'refdet',
        'resultrans',
        'saisie',
      ]
        .map((name) => {
          const value =
            name === 'dattrans'
              ? '07122026'
              : name === 'heurtrans'
                ? '0730'
                : (payment[name as keyof StandInPayment] ?? '');
          return `<${name}>${value}</${name}>`;
        })
        .join('');
      return answer('recupererDetailPaiementSecurise', fields);
    }
    return fault('P0', 'Opération inconnue');
  }

  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    url,
    serviceUrl: `${url}/tpa/services/securite`,
    pageUrl: `${url}/tpa/paiementws.web`,
    payments,
    notifications,
    choose,
    notify,
    tamper(idOp, fields) {
      Object.assign(payments.get(idOp)!, fields);
    },
    stop: () => new Promise<void>((done) => server.close(() => done())),
  };
}

const NS =
  'http://securite.service.tpa.cp.finances.gouv.fr/services/mas_securite/contrat_paiement_securise/PaiementSecuriseService';

const answer = (operation: string, fields: string) => ({
  xml: `<?xml version="1.0" encoding="UTF-8"?><S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body><ns2:${operation}Response xmlns:ns2="${NS}"><return>${fields}</return></ns2:${operation}Response></S:Body></S:Envelope>`,
});

const fault = (code: string, description: string) => ({
  fault: true,
  xml: `<?xml version="1.0" encoding="UTF-8"?><S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body><S:Fault><faultcode>S:Server</faultcode><faultstring>fr.gouv.finances.cp.tpa.webservice.exceptions.FonctionnelleErreur</faultstring><detail><ns2:FonctionnelleErreur xmlns:ns2="${NS}"><code>${code}</code><descriptif>${description}</descriptif><label>${description}</label><severite>2</severite></ns2:FonctionnelleErreur></detail></S:Fault></S:Body></S:Envelope>`,
});

/** The payment page: what is paid, and the payer's three choices. */
function page(payment: StandInPayment): string {
  const euros = (Number(payment.montant) / 100).toLocaleString('fr-FR', { style: 'currency', currency: 'EUR' });
  const button = (action: string, text: string) =>
    `<button type="submit" name="action" value="${action}">${text}</button>`;
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>PayFiP — paiement (simulateur)</title></head>
<body><main><h1>PayFiP</h1><p>${payment.objet}</p><p>Montant : <strong>${euros}</strong></p><p>Référence : ${payment.refdet}</p>
<form method="post" action="/tpa/paiementws.web"><input type="hidden" name="idop" value="${payment.idOp}">
${button('pay', 'Payer')} ${button('refuse', 'Simuler un refus')} ${button('abandon', 'Abandonner')}</form></main></body></html>`;
}

function read(req: IncomingMessage): Promise<string> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
    req.on('error', fail);
  });
}
