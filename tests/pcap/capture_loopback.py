#!/usr/bin/env python3
"""Capture Linux talking to itself over loopback, for check-pcap.

Run as root inside a private network namespace (nothing leaves it):
    ip netns add tcpfsm-lb && ip netns exec tcpfsm-lb python3 capture_loopback.py OUT.pcap; ip netns del tcpfsm-lb
Writes an Ethernet (DLT_EN10MB) pcap of a few connections with the kernel at
both ends: options on (timestamps, SACK, window scaling), delayed ACKs, data
larger than the window both ways, each close order, a half-close, an abort
(SO_LINGER 0) and a refused connect. Loopback checksums are left to
offload: read it with `tcpfsm pcap --no-checksum`.
"""
import os, socket, struct, sys, threading, time

ETH_P_ALL = 0x0003


def main(out):
    os.system("ip link set lo up")
    cap = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
    cap.bind(("lo", 0))
    cap.settimeout(0.05)
    frames = []
    stop = threading.Event()

    def sniff():
        while not stop.is_set():
            try:
                data, addr = cap.recvfrom(262144)
            except socket.timeout:
                continue
            if addr[2] == socket.PACKET_OUTGOING:
                continue  # loopback shows each frame twice: keep the incoming copy
            frames.append((time.time(), data))

    t = threading.Thread(target=sniff)
    t.start()
    time.sleep(0.1)

    def pair(port, rcvbuf=None):
        ls = socket.socket()
        ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if rcvbuf:
            ls.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
        ls.bind(("127.0.0.1", port))
        ls.listen(1)
        c = socket.create_connection(("127.0.0.1", port))
        s, _ = ls.accept()
        ls.close()
        return c, s

    def drain(sock, n):
        got = 0
        while got < n:
            b = sock.recv(65536)
            if not b:
                break
            got += len(b)
        return got

    # 1. data both ways, client closes first
    c, s = pair(6001)
    c.sendall(b"a" * 30000); drain(s, 30000)
    s.sendall(b"b" * 30000); drain(c, 30000)
    c.close(); time.sleep(0.05); s.close(); time.sleep(0.05)
    # 2. server closes first
    c, s = pair(6002)
    s.sendall(b"hello"); drain(c, 5)
    s.close(); time.sleep(0.05); c.close(); time.sleep(0.05)
    # 3. half-close: client shuts down writing, server sends 50 kB after it
    c, s = pair(6003)
    c.shutdown(socket.SHUT_WR); time.sleep(0.05)
    s.sendall(b"c" * 20000); drain(c, 20000)
    s.close(); time.sleep(0.05); c.close(); time.sleep(0.05)
    # 4. a small receive buffer: zero windows and probes
    c, s = pair(6004, rcvbuf=4096)
    th = threading.Thread(target=lambda: c.sendall(b"d" * 40000))
    th.start()
    got = 0
    while got < 40000:
        time.sleep(0.001)
        got += len(s.recv(2048))
    th.join()
    c.close(); time.sleep(0.05); s.close(); time.sleep(0.05)
    # 5. abort: SO_LINGER 0
    c, s = pair(6005)
    c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    c.close(); time.sleep(0.05); s.close(); time.sleep(0.05)
    # 6. refused
    try:
        socket.create_connection(("127.0.0.1", 6006), timeout=1)
    except OSError:
        pass
    time.sleep(0.2)
    stop.set()
    t.join()
    with open(out, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, 1))
        for ts, data in frames:
            sec = int(ts)
            f.write(struct.pack("<IIII", sec, int((ts - sec) * 1e6), len(data), len(data)))
            f.write(data)
    print(f"{out}: {len(frames)} frames")


if __name__ == "__main__":
    main(sys.argv[1])
