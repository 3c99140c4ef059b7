#!/usr/bin/env python3
"""virtual-badge.py: a contactless badge for the vpcd virtual reader that answers FF CA 00 00 00 with its UID.

It speaks vpcd's wire protocol directly (each message is a 2-byte big-endian
length and a payload; a 1-byte payload is a control: 0 power off, 1 power on,
2 reset, 4 "send the ATR"), so it needs only the Python standard library and
not vicc's Crypto/PYTHONPATH set-up. Putting the card on the reader is
connecting to vpcd's port; taking it away is closing the connection.
"""

import argparse
import socket
import struct
import sys
import time

# PC/SC part 3 ATR of a MIFARE Classic 1K seen through a contactless reader:
# what a real badge looks like to pcscd (T=1, so SCardConnect picks T1).
ATR = bytes.fromhex("3B8F8001804F0CA000000306030001000000006A")
GET_UID = bytes.fromhex("FFCA0000")
CTRL_ATR = 4


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True, help="vpcd slot port")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--uid", default="04A1B2C3D4E5F6", help="UID as hex")
    parser.add_argument("--sw", default="9000", help="status word to answer FF CA with")
    parser.add_argument("--vanish", action="store_true",
                        help="leave the reader when asked for the UID, without answering")
    return parser.parse_args()


def connect(host, port):
    # pcscd may still be loading vpcd: keep trying for a while.
    deadline = time.monotonic() + 10
    while True:
        try:
            return socket.create_connection((host, port))
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def recv_exact(sock, size):
    data = b""
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def answer(args, apdu):
    if apdu[:4] != GET_UID:
        return bytes.fromhex("6D00")
    if args.vanish:
        return None
    if args.sw.upper() != "9000":
        return bytes.fromhex(args.sw)
    uid = bytes.fromhex(args.uid)
    le = apdu[4] if len(apdu) > 4 else 0
    return (uid[:le] if le else uid) + bytes.fromhex("9000")


def serve(args, sock):
    while True:
        header = recv_exact(sock, 2)
        if header is None:
            return
        (size,) = struct.unpack("!H", header)
        payload = recv_exact(sock, size) if size else b""
        if payload is None:
            return
        if size == 1:
            if payload[0] == CTRL_ATR:
                sock.sendall(struct.pack("!H", len(ATR)) + ATR)
            continue
        reply = answer(args, payload)
        if reply is None:
            return
        sock.sendall(struct.pack("!H", len(reply)) + reply)


def main():
    args = parse_args()
    sock = connect(args.host, args.port)
    try:
        serve(args, sock)
    except (ConnectionError, KeyboardInterrupt):
        pass
    finally:
        sock.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
