import { Socket, type OnReadOpts, type SocketConstructorOpts } from 'node:net';
import type { Duplex } from 'node:stream';

/** One read's worth: what libuv would allocate per read anyway. */
const READ_BUFFER_BYTES = 64 * 1024;

/** Receives each chunk read into the reused buffer; the bytes are overwritten after it returns. False pauses reading. */
export type BorrowedChunkHandler = (chunk: Buffer) => boolean;

/** `net.Socket` constructor options that @types/node 20 does not list (Node's constructor reads them). */
interface AdoptOptions extends SocketConstructorOpts {
  readonly handle: unknown;
  readonly pauseOnCreate: boolean;
  readonly onread: OnReadOpts;
}

/**
 * Re-wraps an accepted socket so its reads land in one reused buffer, paused until `resume()`.
 *
 * Why: a stream socket allocates a fresh 64 KiB ArrayBuffer per read. V8 counts those as external
 * memory and, at loopback rates, starts a mark-compact for every ~32 MiB forwarded (measured: 30+
 * per GiB, most of the proxy's CPU on an uncapped tunnel, and it grows with the heap of the process
 * that hosts the proxy). `onread` avoids the allocation, but Node offers it only for sockets it
 * creates, so the accepted socket's handle moves to a new `net.Socket` built with `onread`.
 *
 * Returns null (the caller keeps the stream socket) when the socket has no handle to move or already
 * holds unread bytes; the move happens synchronously in the `connect` event, before any read.
 */
export function adoptWithReusedBuffer(socket: Duplex, onChunk: () => BorrowedChunkHandler | null): Socket | null {
  const owner = socket as Duplex & { _handle?: unknown };
  if (!(socket instanceof Socket) || !owner._handle || socket.readableLength > 0 || socket.destroyed) return null;
  const handle = owner._handle;
  // Detached first, so destroying the old object (which releases the server's count of it) leaves the handle open.
  owner._handle = null;
  socket.destroy();
  const options: AdoptOptions = { handle, allowHalfOpen: true, pauseOnCreate: true, onread: reusedReadBuffer(onChunk) };
  return new Socket(options);
}

/**
 * `onread` for a socket this process opens (`net.connect`): one buffer, each chunk handed to the
 * reader installed by then. Until one is, the chunk is refused (false pauses the socket), so the
 * caller pauses the socket in its 'connect' handler, before the first read can arrive.
 */
export function reusedReadBuffer(onChunk: () => BorrowedChunkHandler | null): OnReadOpts {
  return { buffer: Buffer.allocUnsafe(READ_BUFFER_BYTES), callback: (bytes, buffer) => onChunk()?.(Buffer.from(buffer.buffer, buffer.byteOffset, bytes)) ?? false };
}
