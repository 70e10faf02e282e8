// npm run shops [-- --port 8080]: serves the fixture shops until stopped.
import { parseArgs } from 'node:util';
import { SHOPS } from '../tests/fixtures/shops/catalog.ts';
import { startShops } from '../tests/fixtures/shops/server.ts';

const { values } = parseArgs({ options: { port: { type: 'string', default: '8080' } } });
const shops = await startShops({ port: Number(values.port) });
console.log(`${shops.catalog.length} products in ${SHOPS.length} fixture shops:`);
for (const s of SHOPS) console.log(`  ${s.name.padEnd(14)} ${shops.url(s.id)}  (${s.markup}, ${s.currency}, ${s.imageFormat} images from img.${s.host})`);
console.log('Ctrl-C to stop.');
