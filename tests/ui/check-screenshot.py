#!/usr/bin/env python3
"""check-screenshot.py: a screen captured by grim is the size of the output,
is not blank, has the expected page colour in its corner, and holds (or
lacks) a colour that only one state of the screen paints.

Usage: check-screenshot.py PNG WIDTH HEIGHT CORNER [--present RRGGBB]... [--absent RRGGBB]...
"""
import struct
import sys
import zlib


def read_png(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit(f"{path}: not a PNG file")
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in (2, 6) or interlace:
        sys.exit(f"{path}: unexpected PNG layout (depth {depth}, colour type {colour})")
    channels = 3 if colour == 2 else 4
    raw, stride = zlib.decompress(idat), width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - channels] if x >= channels else 0
            b = previous[x]
            c = previous[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + a) & 0xFF
            elif kind == 2:
                line[x] = (line[x] + b) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 0xFF
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append(bytes(line))
        previous = line
    pixels = [[tuple(row[x * channels:x * channels + 3]) for x in range(width)] for row in rows]
    return width, height, pixels


def near(a, b, tolerance=4):
    return all(abs(x - y) <= tolerance for x, y in zip(a, b))


def colour(text):
    return tuple(int(text[i:i + 2], 16) for i in (0, 2, 4))


def main():
    path, width, height, corner = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), colour(sys.argv[4])
    wanted, unwanted, args = [], [], sys.argv[5:]
    while args:
        option, value = args[0], colour(args[1])
        (wanted if option == "--present" else unwanted).append(value)
        args = args[2:]

    w, h, pixels = read_png(path)
    if (w, h) != (width, height):
        sys.exit(f"{path}: {w}×{h}, expected {width}×{height}")
    seen = {p for row in pixels[::4] for p in row[::4]}
    if len(seen) < 50:
        sys.exit(f"{path}: only {len(seen)} colours: the screen is blank")
    if not near(pixels[5][5], corner):
        sys.exit(f"{path}: corner is {pixels[5][5]}, expected {corner}")
    for c in wanted:
        if not any(near(p, c) for p in seen):
            sys.exit(f"{path}: no pixel of colour {c}")
    for c in unwanted:
        if any(near(p, c, 2) for p in seen):
            sys.exit(f"{path}: a pixel of colour {c}, which this screen must not show")
    print(f"{path}: {w}×{h}, {len(seen)} colours, corner {pixels[5][5]}")


main()
