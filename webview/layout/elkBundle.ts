/** Entry of the lazily loaded layout bundle (dist/webview/elk.js): puts one ELK instance on the window. */
import ELK from 'elkjs/lib/elk.bundled.js';

window.wiregradElk = new ELK() as unknown as NonNullable<Window['wiregradElk']>;
