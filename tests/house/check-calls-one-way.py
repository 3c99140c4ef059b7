#!/usr/bin/env python3
# check-calls-one-way.py: no two source files of Wardgate call each other,
# directly or round a ring of files.
#
# The layers check reads the #include lines; a private header shared by
# the files of one class hides which of them calls which. This check reads
# the compiled objects instead: every function a file calls is looked up in
# the file that defines it, and the graph of "file A calls into file B" must
# have no cycle. A file on top may call those below it; one below must not
# call back up (a callback passed down is fine: it is not a call by name).
#
# Usage: check-calls-one-way.py LIBRARY.a...
#        check-calls-one-way.py --self-test
import subprocess
import sys


def read_archive(path):
    """Yields (object, defined symbols, undefined symbols) for an archive."""
    out = subprocess.run(['nm', '--defined-only', '-A', path], capture_output=True, text=True, check=True).stdout
    defined = {}
    for line in out.splitlines():
        where, _, rest = line.rpartition(':')
        parts = rest.split()
        if len(parts) == 3 and parts[1] in 'TDRBC':
            defined.setdefault(where, set()).add(parts[2])
    out = subprocess.run(['nm', '--undefined-only', '-A', path], capture_output=True, text=True, check=True).stdout
    used = {}
    for line in out.splitlines():
        where, _, rest = line.rpartition(':')
        parts = rest.split()
        if len(parts) == 2 and parts[0] == 'U':
            used.setdefault(where, set()).add(parts[1])
    for obj in set(defined) | set(used):
        yield obj, defined.get(obj, set()), used.get(obj, set())


def source_name(obj):
    # "…/libwardgate-ui.a:…/libwardgate-ui.a.p/devices/ward-device-page.c.o" → "devices/ward-device-page.c"
    name = obj.rsplit(':', 1)[-1]
    if '.a.p/' in name:
        name = name.split('.a.p/', 1)[1]
    return name[:-2] if name.endswith('.o') else name


def is_identity(symbol):
    # A type's or an error domain's identity (WARD_DEVICE_PAGE (self),
    # WARD_STORE_ERROR) is named by every file of a class or a module; it
    # says what a thing is, not what it does, so it is no call back up.
    return symbol.endswith('_get_type') or symbol.endswith('_error_quark')


def call_graph(objects):
    owner = {}
    for obj, defined, _ in objects:
        for symbol in defined:
            owner[symbol] = obj
    edges = {}
    for obj, _, used in objects:
        for symbol in used:
            callee = owner.get(symbol)
            if callee is not None and callee != obj and not is_identity(symbol):
                edges.setdefault(obj, {}).setdefault(callee, set()).add(symbol)
    return edges


def cycles(edges):
    """Strongly connected components of more than one file (Tarjan)."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []
    counter = [0]

    def visit(node):
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in edges.get(node, {}):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(10000)
    for node in list(edges):
        if node not in index:
            visit(node)
    return found


def report(objects):
    edges = call_graph(objects)
    found = cycles(edges)
    for component in found:
        print('These files call each other in a ring:')
        members = set(component)
        for obj in component:
            for callee, symbols in sorted(edges.get(obj, {}).items()):
                if callee in members:
                    print(f'  {source_name(obj)} -> {source_name(callee)}: {", ".join(sorted(symbols)[:6])}')
    return len(found)


def self_test():
    # a → b → c → a is a ring; d → a is not part of it.
    ring = [('lib.a:a.c.o', {'fa'}, {'fb'}), ('lib.a:b.c.o', {'fb'}, {'fc'}),
            ('lib.a:c.c.o', {'fc'}, {'fa'}), ('lib.a:d.c.o', {'fd'}, {'fa'})]
    line = [('lib.a:a.c.o', {'fa', 'a_get_type'}, {'fb'}), ('lib.a:b.c.o', {'fb'}, {'fc', 'g_free', 'a_get_type'}),
            ('lib.a:c.c.o', {'fc'}, set())]
    found = cycles(call_graph(ring))
    if found != [['lib.a:a.c.o', 'lib.a:b.c.o', 'lib.a:c.c.o']]:
        print('self-test: the ring a → b → c → a was not found:', found)
        return 1
    if cycles(call_graph(line)):
        print('self-test: a line of calls (and a type named below) was taken for a ring')
        return 1
    print('self-test: a ring is found, a line is not')
    return 0


def main(args):
    if args == ['--self-test']:
        return self_test()
    if not args:
        print(__doc__ or 'usage: check-calls-one-way.py LIBRARY.a...')
        return 2
    objects = [entry for path in args for entry in read_archive(path)]
    rings = report(objects)
    if rings:
        print(f'{rings} ring(s) of files calling each other: let the calls run one way.')
        return 1
    print(f'{len(objects)} files: every call runs one way.')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
