/**
 * Which pages the reuse store may remember, and under which site and address.
 *
 * - Only web pages (http, https) are stored. Not stored: `file://` pages and pages on this
 *   machine (`localhost`, `*.localhost`, 127.0.0.0/8, `[::1]`, `0.0.0.0`) — editors' drafts,
 *   not pages read on the web. Such pages are still compared with what is stored (an editor may
 *   want to know that a draft repeats a paragraph seen elsewhere).
 * - The address is kept without query and fragment (`?utm_…`, session ids, `#comments`), and
 *   without user name and password.
 * - The site is the registrable domain with the private suffixes of the Public Suffix List
 *   (`news.example.co.uk` → `example.co.uk`; `alice.github.io` stays itself), else the host
 *   name. Matches on the same site are ignored: a site repeats its own boilerplate.
 */
import { getDomain } from 'tldts';

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

function isWeb(u: URL): boolean {
  return u.protocol === 'http:' || u.protocol === 'https:';
}

/** Host names of this machine. */
export function isLocalHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (h === '::1' || h === '0.0.0.0' || h === '::') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** May a page at `url` be remembered? (http/https, not on this machine.) */
export function isStorableUrl(url: string | null | undefined): boolean {
  const u = url ? parse(url) : null;
  return !!u && isWeb(u) && !!u.hostname && !isLocalHost(u.hostname);
}

/** The address as stored: scheme, host, port and path; no query, fragment or credentials. */
export function storedUrl(url: string): string {
  const u = parse(url);
  if (!u) return url.split(/[?#]/, 1)[0];
  return `${u.protocol}//${u.host}${u.pathname}`;
}

/** The site a page belongs to (see the module comment), or '' when the address has no host. */
export function reuseSite(url: string | null | undefined): string {
  const u = url ? parse(url) : null;
  if (!u) return '';
  if (u.protocol === 'file:') return 'file://';
  const host = u.hostname.toLowerCase().replace(/\.$/, '');
  if (!host) return '';
  if (host.startsWith('[') || /^\d{1,3}(\.\d{1,3}){3}$/.test(host)) return host;
  return getDomain(host, { allowPrivateDomains: true }) ?? host.replace(/^www\./, '');
}
