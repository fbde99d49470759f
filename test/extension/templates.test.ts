import { describe, expect, it } from 'vitest';
import { parseGraphText } from '../../engine/graph/parse';
import { serializeGraph } from '../../engine/graph/serialize';
import { analyzeGraph } from '../../engine/shape/analyze';
import { TEMPLATES } from '../../extension/templates';

describe('New Network templates', () => {
  it('every template is a canonical, error-free graph; LeNet-5 has 61,706 params', () => {
    expect(TEMPLATES.map((t) => t.label)).toEqual(['LeNet-5', 'CIFAR-style', 'AlexNet', 'VGG-16', 'ResNet-18', 'Maxout MLP', 'Maxout fits x²', 'Blank']);
    for (const t of TEMPLATES) {
      const text = t.text();
      const parsed = parseGraphText(text);
      expect(parsed.problems, t.label).toEqual([]);
      expect(serializeGraph(parsed.graph!), t.label).toBe(text);
      const analysis = analyzeGraph(parsed.graph!);
      expect(analysis.diagnostics.filter((d) => d.severity === 'error'), t.label).toEqual([]);
    }
    expect(analyzeGraph(parseGraphText(TEMPLATES[0].text()).graph!).totals.totalParams).toBe(61_706);
  });
});
