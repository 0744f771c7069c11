// Reading text that a script pipes in.
import { invalidInput } from '../errors.js';

/** Far above 5000 characters of text: past this we stop reading and refuse. */
const MAX_BYTES = 1 << 20;

export async function readAllStdin(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buf.length;
    if (size > MAX_BYTES) throw invalidInput(`standard input is larger than ${MAX_BYTES} bytes; comment text is limited to 5000 characters`);
    chunks.push(buf);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw invalidInput('standard input is not UTF-8 text (binary data?)');
  }
}
