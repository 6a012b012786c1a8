import { pino } from 'pino';
import mongoose from 'mongoose';
import { startEmbeddedServer } from './server/db/embedded-server';
const server = await startEmbeddedServer({ dataDir: '/tmp/faults-scratch/d1', cacheDir: '/root/.cache/expert-booking', logger: pino({ level: 'info' }) });
console.log('pids', server.pids, server.uri);
const c = await mongoose.createConnection(server.uri, { dbName: 'x', serverSelectionTimeoutMS: 2000 }).asPromise();
const t = async (label: string) => { const s = Date.now(); try { await c.collection('n').insertOne({ a: 1 }); console.log(label, 'ok', Date.now() - s); } catch (e) { console.log(label, 'ERR', (e as Error).name, (e as Error).message.slice(0, 100), Date.now() - s); } };
await t('before');
process.kill(server.pids[1]!, 'SIGKILL');
for (let i = 0; i < 8; i++) { await t('pg-killed ' + i); await new Promise((r) => setTimeout(r, 300)); }
console.log('pids', server.pids);
process.kill(server.pids[0]!, 'SIGKILL');
for (let i = 0; i < 8; i++) { await t('ferret-killed ' + i); await new Promise((r) => setTimeout(r, 300)); }
console.log('pids', server.pids);
await c.close();
await server.stop();
console.log('stopped', server.pids);
