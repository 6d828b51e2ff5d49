// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { copyText, downloadText } from '../../components/export/actions';
import { ExportMenu } from '../../components/export/ExportMenu';
import { PopupApp } from '../../components/PopupApp';
import { CSV_COLUMNS, EXPORT_SCHEMA } from '../../lib/export';
import { CslDataSchema } from '../../lib/export/csl-schema';
import type { PopupToContent } from '../../lib/messages';
import { PageReportSchema } from '../../lib/report-schema';
import { mixedReport, parseCsv, seedReport } from '../fixtures/export/reports';
import { installI18n, waitFor } from '../fixtures/reports/harness';

const NOW = new Date(2026, 10, 27, 12, 0, 0);
let container: HTMLElement;

const q = <E extends Element = HTMLElement>(sel: string) => container.querySelector<E>(sel);
const status = () => q('[data-testid="export-status"]');

async function click(el: Element | null | undefined) {
  if (!el) throw new Error('nothing to click');
  await act(() => {
    (el as HTMLElement).click();
  });
}

beforeEach(() => {
  fakeBrowser.reset();
  installI18n('en');
  container = document.createElement('div');
  document.body.append(container);
});

afterEach(async () => {
  await act(() => render(null, container));
  container.remove();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('ExportMenu', () => {
  async function mount(actions: Parameters<typeof ExportMenu>[0]['actions']) {
    await act(() => {
      render(<ExportMenu report={mixedReport()} now={() => NOW} actions={actions} />, container);
    });
  }

  it('is a disclosure: closed, opens on click, closes with Escape and gives focus back', async () => {
    await mount({});
    const toggle = q<HTMLButtonElement>('[data-testid="export-toggle"]')!;
    const panel = document.getElementById(toggle.getAttribute('aria-controls')!)!;
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(panel.hidden).toBe(true);
    await click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(panel.hidden).toBe(false);
    const copyCsv = q<HTMLButtonElement>('[data-testid="export-copy-csv"]')!;
    copyCsv.focus();
    await act(() => {
      copyCsv.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(toggle);
    expect(status()?.getAttribute('role')).toBe('status');
    expect(status()?.getAttribute('aria-live')).toBe('polite');
  });

  it('copies each format and says so in the live region', async () => {
    const copy = vi.fn(async (_text: string) => true);
    await mount({ copy });
    await click(q('[data-testid="export-toggle"]'));

    await click(q('[data-testid="export-copy-json"]'));
    const json = JSON.parse(copy.mock.calls[0][0] as string);
    expect(json.schema).toBe(EXPORT_SCHEMA);
    expect(json.exportedAt).toBe(NOW.toISOString());
    expect(PageReportSchema.safeParse(json.report).success).toBe(true);
    await waitFor(() => status()?.textContent === 'Copied JSON to the clipboard.');
    expect(status()?.dataset.kind).toBe('ok');

    await click(q('[data-testid="export-copy-csv"]'));
    expect(parseCsv(copy.mock.calls[1][0] as string)[0]).toEqual([...CSV_COLUMNS]);
    await waitFor(() => status()?.textContent === 'Copied CSV to the clipboard.');

    await click(q('[data-testid="export-copy-csl"]'));
    expect(CslDataSchema.safeParse(JSON.parse(copy.mock.calls[2][0] as string)).success).toBe(true);
    await waitFor(() => status()?.textContent === 'Copied CSL-JSON to the clipboard.');
  });

  it('reports a failed copy', async () => {
    await mount({ copy: async () => false });
    await click(q('[data-testid="export-toggle"]'));
    await click(q('[data-testid="export-copy-json"]'));
    await waitFor(() => status()?.textContent === 'Couldn’t copy to the clipboard.');
    expect(status()?.dataset.kind).toBe('error');
  });

  it('downloads with a dated file name; the CSV starts with a byte order mark', async () => {
    const download = vi.fn((_text: string, _name: string, _mime: string) => {});
    await mount({ download });
    await click(q('[data-testid="export-toggle"]'));
    await click(q('[data-testid="export-download-csv"]'));
    const [text, name, mime] = download.mock.calls[0] as [string, string, string];
    expect(name).toBe('sourcelens-127.0.0.1-2026-11-27.csv');
    expect(mime).toBe('text/csv;charset=utf-8');
    expect(text.startsWith('\uFEFFinput,url,')).toBe(true);
    await waitFor(() => status()?.textContent === 'Saving sourcelens-127.0.0.1-2026-11-27.csv.');

    await click(q('[data-testid="export-download-json"]'));
    expect(download.mock.calls[1][1]).toBe('sourcelens-127.0.0.1-2026-11-27.json');
    expect(JSON.parse(download.mock.calls[1][0]).schema).toBe(EXPORT_SCHEMA);
    await click(q('[data-testid="export-download-csl"]'));
    expect(download.mock.calls[2][1]).toBe('sourcelens-127.0.0.1-2026-11-27.csl.json');
    expect(download.mock.calls[2][2]).toBe('application/vnd.citationstyles.csl+json');
  });

  it('speaks German', async () => {
    installI18n('de');
    await mount({ copy: async () => true });
    expect(q('[data-testid="export-toggle"]')?.textContent).toBe('Exportieren');
    await click(q('[data-testid="export-toggle"]'));
    expect(q('[data-testid="export-copy-csv"]')?.getAttribute('aria-label')).toBe('CSV in die Zwischenablage kopieren');
    await click(q('[data-testid="export-copy-csv"]'));
    await waitFor(() => status()?.textContent === 'CSV in die Zwischenablage kopiert.');
  });
});

describe('copyText and downloadText', () => {
  it('copyText uses navigator.clipboard.writeText', async () => {
    const writeText = vi.fn(async () => {});
    const doc = { defaultView: { navigator: { clipboard: { writeText } } } } as unknown as Document;
    expect(await copyText('hello', doc)).toBe(true);
    expect(writeText).toHaveBeenCalledWith('hello');
  });

  it('copyText falls back to execCommand("copy") and gives focus back', async () => {
    const writeText = vi.fn(async () => {
      throw new Error('Document is not focused.');
    });
    Object.defineProperty(window.navigator, 'clipboard', { value: { writeText }, configurable: true });
    const button = document.createElement('button');
    document.body.append(button);
    button.focus();
    let copied = '';
    const exec = vi.fn(() => {
      copied = (document.activeElement as HTMLTextAreaElement | null)?.value ?? '';
      return true;
    });
    (document as unknown as { execCommand: unknown }).execCommand = exec;
    expect(await copyText('fallback text')).toBe(true);
    expect(exec).toHaveBeenCalledWith('copy');
    expect(copied).toBe('fallback text');
    expect(document.querySelector('textarea')).toBeNull();
    expect(document.activeElement).toBe(button);
    button.remove();
  });

  it('downloadText clicks an <a download> on a blob URL and lets it go later', async () => {
    vi.useFakeTimers();
    try {
      const create = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:sourcelens/1');
      const revoke = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
      const clicked: Array<{ href: string; download: string }> = [];
      const onClick = (e: Event) => {
        const a = e.target as HTMLAnchorElement;
        clicked.push({ href: a.getAttribute('href')!, download: a.download });
        e.preventDefault();
      };
      document.addEventListener('click', onClick, true);
      downloadText('a,b\r\n', 'x.csv', 'text/csv;charset=utf-8');
      document.removeEventListener('click', onClick, true);
      expect(clicked).toEqual([{ href: 'blob:sourcelens/1', download: 'x.csv' }]);
      const blob = create.mock.calls[0][0] as Blob;
      expect(blob.type).toBe('text/csv;charset=utf-8');
      expect(await blob.text()).toBe('a,b\r\n');
      expect(document.querySelector('a[download]')).toBeNull();
      expect(revoke).not.toHaveBeenCalled();
      vi.advanceTimersByTime(60_000);
      expect(revoke).toHaveBeenCalledWith('blob:sourcelens/1');
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('in the popup', () => {
  it('offers Export once the page is read, and "Copy JSON" puts valid JSON on the clipboard', async () => {
    const writes: string[] = [];
    Object.defineProperty(window.navigator, 'clipboard', {
      value: { writeText: async (text: string) => void writes.push(text) },
      configurable: true,
    });
    const report = seedReport();
    const sendMessage = vi.fn(async (_tabId: number, message: PopupToContent) =>
      message.type === 'popup→content:get-report' ? { state: 'on', report } : true,
    );
    (fakeBrowser.tabs as unknown as { sendMessage: unknown }).sendMessage = sendMessage;
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([
      { id: 42, url: report.url!, active: true, index: 0, highlighted: true, incognito: false, pinned: false, windowId: 1 } as never,
    ]);
    await act(() => {
      render(<PopupApp search="" pollInterval={5} />, container);
    });
    await waitFor(() => q('[data-testid="export-toggle"]'));
    expect(q('[data-testid="popup-tools"] [data-testid="export-toggle"]')).not.toBeNull();
    await click(q('[data-testid="export-toggle"]'));
    await click(q('[data-testid="export-copy-json"]'));
    await waitFor(() => writes.length === 1);
    const parsed = JSON.parse(writes[0]);
    expect(parsed.schema).toBe('sourcelens.export/1');
    expect(PageReportSchema.parse(parsed.report)).toEqual(report);
    await waitFor(() => status()?.textContent === 'Copied JSON to the clipboard.');
  });
});
