/**
 * A browser's way through redirects between Parvis and an OpenID provider, without a browser: a
 * cookie jar (every server here is 127.0.0.1, and cookies ignore ports, as browsers do) and GETs
 * followed one redirect at a time, so a test can stop at any hop.
 */
export class BrowserSession {
  private readonly jar = new Map<string, string>();

  constructor(private readonly parvisUrl: string) {}

  private cookieHeader() {
    return [...this.jar].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private keep(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = attributes.some((a) => /^\s*expires=/i.test(a) && Date.parse(a.split('=')[1]!) < Date.now());
      if (!value || expired) this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }

  /** Sets a cookie, as a session opened elsewhere would have. */
  setCookie(name: string, value: string) {
    this.jar.set(name, value);
  }

  /** One GET (relative addresses are Parvis's), no redirect followed. */
  async get(url: string): Promise<Response> {
    const response = await fetch(new URL(url, this.parvisUrl), {
      redirect: 'manual',
      headers: { cookie: this.cookieHeader() },
    });
    this.keep(response);
    return response;
  }

  /** GETs and follows redirects while `until` does not stop at one; the last answer. */
  async follow(url: string, until: (url: URL) => boolean = () => false): Promise<{ response: Response; url: URL }> {
    let current = new URL(url, this.parvisUrl);
    for (let hop = 0; hop < 20; hop++) {
      const response = await this.get(current.href);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) return { response, url: current };
      const next = new URL(location, current);
      if (until(next)) return { response, url: next };
      current = next;
    }
    throw new Error(`more than 20 redirects from ${url}`);
  }

  /** A GraphQL operation with this browser's cookies. */
  async graphql<T>(query: string, variables: Record<string, unknown> = {}) {
    const response = await fetch(new URL('/graphql', this.parvisUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: this.cookieHeader() },
      body: JSON.stringify({ query, variables }),
    });
    this.keep(response);
    return (await response.json()) as {
      data?: T;
      errors?: { message: string; extensions?: Record<string, unknown> }[];
    };
  }
}
