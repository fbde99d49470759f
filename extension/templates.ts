/**
 * The networks "wiregrad: New Network" starts from: the examples, bundled into the extension at build time and
 * written in canonical form (one node per line); and the backprop lab's expression graphs.
 */
import alexnet from '../examples/alexnet.nn.json';
import backpropMatvec from '../examples/backprop-matvec-l2.nn.json';
import backpropMax from '../examples/backprop-max.nn.json';
import backpropSigmoidGate from '../examples/backprop-sigmoid-gate.nn.json';
import backpropSigmoidNeuron from '../examples/backprop-sigmoid-neuron.nn.json';
import backpropXyz from '../examples/backprop-xyz.nn.json';
import cifarSmall from '../examples/cifar-small.nn.json';
import lenet5 from '../examples/lenet5.nn.json';
import maxoutMlp from '../examples/maxout-mlp.nn.json';
import maxoutX2 from '../examples/maxout-x2.nn.json';
import mobilenetV1 from '../examples/mobilenet-v1.nn.json';
import resnet18 from '../examples/resnet18.nn.json';
import resnet18Modules from '../examples/resnet18-modules.nn.json';
import resnet50 from '../examples/resnet50.nn.json';
import unetSmall from '../examples/unet-small.nn.json';
import vgg16 from '../examples/vgg16.nn.json';
import { parseGraphText } from '../engine/graph/parse';
import { serializeGraph } from '../engine/graph/serialize';
import type { Graph } from '../engine/graph/types';

export interface Template {
  readonly label: string;
  readonly detail: string;
  readonly fileName: string;
  readonly text: () => string;
}

const BLANK: Graph = {
  name: 'Untitled network',
  nodes: [{ id: 'input', type: 'input', attrs: { shape: [28, 28, 1] } }],
  edges: [],
  layout: { input: { x: 0, y: 0 } },
};

function fromExample(json: unknown): () => string {
  return () => serializeGraph(parseGraphText(JSON.stringify(json)).graph!);
}

export const TEMPLATES: readonly Template[] = [
  { label: 'LeNet-5', detail: 'MNIST digits, 61,706 params', fileName: 'lenet5', text: fromExample(lenet5) },
  { label: 'CIFAR-style', detail: 'small conv net for 32×32×3 images', fileName: 'cifar-small', text: fromExample(cifarSmall) },
  { label: 'AlexNet', detail: '227×227×3, ImageNet classes', fileName: 'alexnet', text: fromExample(alexnet) },
  { label: 'VGG-16', detail: '224×224×3, 3×3 convs throughout', fileName: 'vgg16', text: fromExample(vgg16) },
  { label: 'ResNet-18', detail: 'residual blocks with add', fileName: 'resnet18', text: fromExample(resnet18) },
  { label: 'ResNet-18 from modules', detail: 'a basic-block module used 8 times; 11,689,512 params', fileName: 'resnet18-modules', text: fromExample(resnet18Modules) },
  { label: 'ResNet-50', detail: 'bottleneck modules, 16 blocks; 25,557,032 params, 4.09 G MACs', fileName: 'resnet50', text: fromExample(resnet50) },
  { label: 'MobileNet v1', detail: 'depthwise-separable convs, ReLU6; 4,231,976 params', fileName: 'mobilenet-v1', text: fromExample(mobilenetV1) },
  { label: 'U-Net (small)', detail: 'segmentation: transposed conv, upsampling, skip concats', fileName: 'unet-small', text: fromExample(unetSmall) },
  { label: 'Maxout MLP', detail: 'maxout units on MNIST', fileName: 'maxout-mlp', text: fromExample(maxoutMlp) },
  { label: 'Maxout fits x²', detail: 'one maxout unit, k = 3, regression', fileName: 'maxout-x2', text: fromExample(maxoutX2) },
  { label: 'Blank', detail: 'an input block and nothing else', fileName: 'network', text: () => serializeGraph(BLANK) },
  // The backprop lab: expression graphs of the lecture, stepped through forward and backward in the same editor.
  { label: 'Backprop: (x + y)·z', detail: 'x = −2, y = 5, z = −4: add distributes, mul swaps', fileName: 'backprop-xyz', text: fromExample(backpropXyz) },
  { label: 'Backprop: sigmoid neuron from gates', detail: '1/(1 + e^−(w0x0 + w1x1 + w2)), w = [2, −3, −3], x = [−1, −2]', fileName: 'backprop-sigmoid-neuron', text: fromExample(backpropSigmoidNeuron) },
  { label: 'Backprop: sigmoid neuron with a σ gate', detail: 'one gate whose local gradient is (1 − σ)σ', fileName: 'backprop-sigmoid-gate', text: fromExample(backpropSigmoidGate) },
  { label: 'Backprop: max gate', detail: '2·(x·y + max(z, w)): max routes', fileName: 'backprop-max', text: fromExample(backpropMax) },
  { label: 'Backprop: ‖W·x‖²', detail: 'W = [[0.1, 0.5], [−0.3, 0.8]], x = [0.2, 0.4]: gradients have their variables\' shapes', fileName: 'backprop-matvec-l2', text: fromExample(backpropMatvec) },
];
