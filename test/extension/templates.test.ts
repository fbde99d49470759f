import { describe, expect, it } from 'vitest';
import { parseGraphText } from '../../engine/graph/parse';
import { serializeGraph } from '../../engine/graph/serialize';
import { evaluateExpression } from '../../engine/expression/evaluate';
import { isExpressionGraph } from '../../engine/graph/types';
import { analyzeGraph } from '../../engine/shape/analyze';
import { TEMPLATES } from '../../extension/templates';

describe('New Network templates', () => {
  it('every template is a canonical, error-free graph; LeNet-5 has 61,706 params', () => {
    expect(TEMPLATES.map((t) => t.label)).toEqual([
      'LeNet-5', 'CIFAR-style', 'AlexNet', 'VGG-16', 'ResNet-18', 'ResNet-18 from modules', 'ResNet-50', 'MobileNet v1', 'U-Net (small)', 'Maxout MLP', 'Maxout fits x²', 'Blank',
      'Backprop: (x + y)·z', 'Backprop: sigmoid neuron from gates', 'Backprop: sigmoid neuron with a σ gate', 'Backprop: max gate', 'Backprop: ‖W·x‖²',
    ]);
    for (const t of TEMPLATES.filter((t) => !isExpressionGraph(parseGraphText(t.text()).graph!))) {
      const text = t.text();
      const parsed = parseGraphText(text);
      expect(parsed.problems, t.label).toEqual([]);
      expect(serializeGraph(parsed.graph!), t.label).toBe(text);
      const analysis = analyzeGraph(parsed.graph!);
      expect(analysis.diagnostics.filter((d) => d.severity === 'error'), t.label).toEqual([]);
    }
    expect(analyzeGraph(parseGraphText(TEMPLATES[0].text()).graph!).totals.totalParams).toBe(61_706);
    const mobilenet = analyzeGraph(parseGraphText(TEMPLATES.find((t) => t.label === 'MobileNet v1')!.text()).graph!).totals;
    expect([mobilenet.trainableParams, mobilenet.nonTrainableParams]).toEqual([4_231_976, 21_888]);
  });

  it('the backprop templates are canonical expression graphs with the lecture values and no problem', () => {
    const lab = TEMPLATES.filter((t) => t.label.startsWith('Backprop'));
    for (const t of lab) {
      const parsed = parseGraphText(t.text());
      expect(parsed.problems, t.label).toEqual([]);
      expect(serializeGraph(parsed.graph!)).toBe(t.text());
      expect(evaluateExpression(parsed.graph!).diagnostics, t.label).toEqual([]);
    }
    const xyz = evaluateExpression(parseGraphText(lab[0].text()).graph!);
    expect(['x', 'y', 'z'].map((id) => xyz.byId.get(id)!.value!.data[0])).toEqual([-2, 5, -4]);
    expect(['x', 'y', 'z'].map((id) => xyz.byId.get(id)!.grad!.data[0])).toEqual([-4, -4, 3]);
    const mv = evaluateExpression(parseGraphText(lab[4].text()).graph!);
    expect(Array.from(mv.byId.get('W')!.value!.data)).toEqual([0.1, 0.5, -0.3, 0.8]);
    expect(Array.from(mv.byId.get('x')!.value!.data)).toEqual([0.2, 0.4]);
  });
});
