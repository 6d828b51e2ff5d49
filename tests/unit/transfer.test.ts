// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { collectPageFacts } from '../../lib/collect';
import { buildReport, withDuplicatesFromParagraphs } from '../../lib/report';
import { forTransfer, fromTransfer, type WireReport } from '../../lib/transfer';
import { getResolver } from '../../lib/registry/bundled';

function pageReport() {
  document.body.innerHTML =
    '<article>' +
    Array.from({ length: 40 }, (_, i) => `<p>Meldung ${i} des Tages, wie der Sender am Abend berichtet.[radioenneperuhr.de] Mehr dazu.[Reuters]</p>`).join('') +
    '</article>';
  const facts = withDuplicatesFromParagraphs(collectPageFacts(document).facts);
  return { facts, report: buildReport(facts, getResolver()) };
}

describe('lib/transfer: the report from the background to the content script', () => {
  it('carries no citation data the content script sent: no sentence, no marker', () => {
    const { report } = pageReport();
    const wire = JSON.stringify(forTransfer(report));
    expect(report.citations).toHaveLength(80);
    expect(wire).not.toContain('wie der Sender am Abend');
    expect(wire).not.toContain('[radioenneperuhr.de]');
    expect(wire.length).toBeLessThan(JSON.stringify(report).length / 3);
  });

  it('is the whole report again once joined with what was sent, sources shared', () => {
    const { facts, report } = pageReport();
    const wire = JSON.parse(JSON.stringify(forTransfer(report))) as WireReport;
    const back = fromTransfer(wire, JSON.parse(JSON.stringify(facts.citations)));
    expect(back).toEqual(report);
    const reuters = back.sources.find((s) => s.source.name === 'Reuters')!.source;
    expect(back.citations.filter((c) => c.source?.name === 'Reuters').every((c) => c.source === reuters && c.sources[0] === reuters)).toBe(true);
  });

  it('leaves out a citation of the report that was not sent', () => {
    const { facts, report } = pageReport();
    const wire = forTransfer(report);
    const back = fromTransfer(wire, facts.citations.filter((c) => c.id % 2 === 0));
    expect(back.citations.map((c) => c.id)).toEqual(facts.citations.filter((c) => c.id % 2 === 0).map((c) => c.id));
  });
});
