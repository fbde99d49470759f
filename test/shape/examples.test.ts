/** The published counts of well-known networks (torchvision / the original papers), to the unit. */
import { describe, expect, it } from 'vitest';
import { exampleGraph } from '../helpers/graphs';

describe('example networks match their published counts', () => {
  it('LeNet-5: 61,706 params, 416,520 MACs', () => {
    const { analysis } = exampleGraph('lenet5.nn.json');
    expect(analysis.totals.trainableParams).toBe(61_706);
    expect(analysis.totals.totalMacs).toBe(416_520);
    const c1 = analysis.byId.get('c1')!;
    expect(c1.outputShape).toEqual([28, 28, 6]);
    expect(c1.params).toBe(156);
    expect(c1.macs).toBe(117_600);
    expect(c1.receptiveField).toEqual([5, 5]);
    expect(analysis.diagnostics).toEqual([]);
  });

  it('AlexNet (torchvision): 61,100,840 params, 714,188,480 MACs, last pool RF 195', () => {
    const { analysis } = exampleGraph('alexnet.nn.json');
    expect(analysis.totals.totalParams).toBe(61_100_840);
    expect(analysis.totals.totalMacs).toBe(714_188_480);
    expect(analysis.byId.get('pool5')!.outputShape).toEqual([6, 6, 256]);
    expect(analysis.byId.get('pool5')!.receptiveField).toEqual([195, 195]);
  });

  it('VGG-16: 138,357,544 params, 15,470,264,320 MACs, pool5 RF 212', () => {
    const { analysis } = exampleGraph('vgg16.nn.json');
    expect(analysis.totals.totalParams).toBe(138_357_544);
    expect(analysis.totals.totalMacs).toBe(15_470_264_320);
    expect(analysis.byId.get('pool5')!.outputShape).toEqual([7, 7, 512]);
    expect(analysis.byId.get('pool5')!.receptiveField).toEqual([212, 212]);
    expect(analysis.byId.get('pool5')!.jump).toEqual([32, 32]);
  });

  it('ResNet-18: 11,689,512 trainable + 9,600 non-trainable params, 1,814,073,344 MACs', () => {
    const { analysis } = exampleGraph('resnet18.nn.json');
    expect(analysis.totals.trainableParams).toBe(11_689_512);
    expect(analysis.totals.nonTrainableParams).toBe(9_600);
    expect(analysis.totals.totalParams).toBe(11_699_112);
    expect(analysis.totals.totalMacs).toBe(1_814_073_344);
    expect(analysis.byId.get('avgpool')!.outputShape).toEqual([512]);
    expect(analysis.diagnostics).toEqual([]);
  });

  it('MobileNet v1 (1.0, 224): 4,231,976 trainable + 21,888 non-trainable params (Keras), 568,740,352 MACs (the paper: 569 M)', () => {
    const { analysis } = exampleGraph('mobilenet-v1.nn.json');
    expect(analysis.totals.trainableParams).toBe(4_231_976);
    expect(analysis.totals.nonTrainableParams).toBe(21_888);
    expect(analysis.totals.totalParams).toBe(4_253_864);
    // 567,716,352 in the convolutions (the paper's Table 2: 95% in the 1×1s) + 1,024,000 in the classifier.
    expect(analysis.totals.totalMacs).toBe(568_740_352);
    const dw = analysis.byId.get('conv_dw_13')!;
    expect([dw.outputShape, dw.params, dw.macs]).toEqual([[7, 7, 1024], 9_216, 451_584]);
    expect(analysis.byId.get('conv_pw_13_relu')!.outputShape).toEqual([7, 7, 1024]);
    expect(analysis.diagnostics).toEqual([]);
  });

  it('small U-Net: the decoder doubles 8×8 back to 32×32 and concatenates each encoder step; 29,521 params', () => {
    const { analysis } = exampleGraph('unet-small.nn.json');
    expect(analysis.byId.get('up2')!.outputShape).toEqual([16, 16, 16]);
    expect(analysis.byId.get('cat2')!.outputShape).toEqual([16, 16, 32]);
    expect(analysis.byId.get('up1')!.outputShape).toEqual([32, 32, 16]);
    expect(analysis.byId.get('cat1')!.outputShape).toEqual([32, 32, 24]);
    expect(analysis.byId.get('sigmoid')!.outputShape).toEqual([32, 32, 1]);
    expect(analysis.totals.totalParams).toBe(29_521);
    expect(analysis.diagnostics).toEqual([]);
  });

  it('Inception (3a): four branches concatenate to 28×28×256', () => {
    const { analysis } = exampleGraph('inception-block.nn.json');
    const concat = analysis.byId.get('concat')!;
    expect(concat.outputShape).toEqual([28, 28, 256]);
    expect(concat.explanations[0].substituted).toBe('64 + 128 + 32 + 32 = 256');
    // GoogLeNet's table: 3a has 159K parameters in its convolutions (with biases: 163,696).
    const convParams = analysis.nodes.filter((n) => n.type === 'conv2d').reduce((s, n) => s + n.params, 0);
    expect(convParams).toBe(163_696);
  });

  it('Maxout MLP: (n + 1)·units·pieces per layer', () => {
    const { analysis } = exampleGraph('maxout-mlp.nn.json');
    expect(analysis.byId.get('maxout1')!.params).toBe((784 + 1) * 240 * 5);
    expect(analysis.byId.get('maxout2')!.params).toBe((240 + 1) * 240 * 5);
    expect(analysis.byId.get('maxout1')!.macs).toBe(784 * 240 * 5);
    const x2 = exampleGraph('maxout-x2.nn.json').analysis;
    expect(x2.totals.trainableParams).toBe(6);
  });

  it('every example is free of errors', () => {
    for (const name of ['lecture-32x32x3', 'cifar-small', 'maxout-x2']) {
      expect(exampleGraph(`${name}.nn.json`).analysis.hasErrors, name).toBe(false);
    }
  });
});
