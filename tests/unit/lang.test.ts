import { describe, expect, it } from 'vitest';
import { detectLanguage, primaryLanguage } from '../../lib/lang';

describe('detectLanguage', () => {
  it('names the language of paragraphs in several languages', () => {
    expect(detectLanguage("Découvrez comment les États-Unis et le Japon renforcent leur coopération dans le domaine des terres rares afin de réduire l'influence de la Chine.")).toBe('fr');
    expect(detectLanguage('Erfahren Sie, wie die USA und Japan ihre Zusammenarbeit bei seltenen Erden stärken, um Chinas Einfluss zu verringern.')).toBe('de');
    expect(detectLanguage('The two countries want to reduce their dependence on China, which holds a near monopoly on these resources.')).toBe('en');
    expect(detectLanguage('Los dos países quieren reducir su dependencia de China, que tiene un casi monopolio sobre estos recursos.')).toBe('es');
    expect(detectLanguage('日本と米国はレアアースで協力を強化すると発表した。')).toBe('ja');
    expect(detectLanguage('美国和日本宣布加强稀土合作，以减少中国的影响力，这一消息引起关注。')).toBe('zh');
  });
  it('says null rather than guessing on too little text', () => {
    expect(detectLanguage('Veröffentlicht am')).toBeNull();
    expect(detectLanguage('')).toBeNull();
    expect(detectLanguage('12 34 56 78 !!! ...')).toBeNull();
  });
});

describe('primaryLanguage', () => {
  it('takes the primary subtag of a BCP 47 tag', () => {
    expect(primaryLanguage('de-CH')).toBe('de');
    expect(primaryLanguage('zh_Hans')).toBe('zh');
    expect(primaryLanguage('  FR ')).toBe('fr');
    expect(primaryLanguage('')).toBeNull();
    expect(primaryLanguage('x')).toBeNull();
  });
});
