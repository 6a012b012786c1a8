import net from 'node:net';

/** One message an SMTP client handed over: the envelope and the raw text. */
export interface ReceivedMail {
  from: string;
  to: string[];
  data: string;
}

/**
 * A local SMTP server that speaks just enough of the protocol for nodemailer (EHLO, MAIL, RCPT,
 * DATA, RSET, QUIT; no TLS, no auth). `refuseNext(n)` answers the next `n` messages' DATA with a
 * temporary failure (451), as a mail server that is having trouble would; every other message is
 * kept in `received`.
 */
export async function startSmtpServer(): Promise<{
  url: string;
  received: ReceivedMail[];
  refuseNext(count: number): void;
  close(): Promise<void>;
}> {
  const received: ReceivedMail[] = [];
  let refusals = 0;
  const sockets = new Set<net.Socket>();

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.setEncoding('utf8');
    let buffer = '';
    let inData = false;
    let envelope: { from: string; to: string[] } = { from: '', to: [] };
    let data: string[] = [];
    const reply = (line: string) => socket.write(`${line}\r\n`);

    function command(line: string) {
      const verb = line.slice(0, 4).toUpperCase();
      if (verb === 'EHLO' || verb === 'HELO') return reply('250 localhost');
      if (verb === 'MAIL') {
        envelope = { from: line.slice(10).trim(), to: [] };
        return reply('250 OK');
      }
      if (verb === 'RCPT') {
        envelope.to.push(line.slice(8).trim());
        return reply('250 OK');
      }
      if (verb === 'DATA') {
        inData = true;
        data = [];
        return reply('354 End data with <CR><LF>.<CR><LF>');
      }
      if (verb === 'RSET' || verb === 'NOOP') return reply('250 OK');
      if (verb === 'QUIT') {
        reply('221 Bye');
        return socket.end();
      }
      return reply('502 Command not implemented');
    }

    function dataLine(line: string) {
      if (line !== '.') {
        data.push(line.startsWith('..') ? line.slice(1) : line);
        return;
      }
      inData = false;
      if (refusals > 0) {
        refusals -= 1;
        reply('451 Try again later');
        return;
      }
      received.push({ ...envelope, data: data.join('\r\n') });
      reply('250 Queued');
    }

    socket.on('data', (chunk: string) => {
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (inData) dataLine(line);
        else command(line);
      }
    });
    socket.on('error', () => socket.destroy());
    reply('220 localhost test SMTP');
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuseNext(count) {
      refusals = count;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
