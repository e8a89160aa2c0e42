"""TFRecord's masked CRC-32C, written independently of the TypeScript code under test, for writeEvents.py and
readEvents.py: table-driven, Castagnoli polynomial 0x82F63B78, checked against the standard check value of
b"123456789", then rotated and offset as TensorFlow's crc32c::Mask does.
"""

TABLE = []
for n in range(256):
    c = n
    for _ in range(8):
        c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
    TABLE.append(c)


def crc32c(data):
    crc = 0xFFFFFFFF
    for byte in data:
        crc = TABLE[(crc ^ byte) & 0xFF] ^ (crc >> 8)
    return crc ^ 0xFFFFFFFF


assert crc32c(b"123456789") == 0xE3069283


def masked(data):
    crc = crc32c(data)
    return (((crc >> 15) | (crc << 17)) + 0xA282EAD8) & 0xFFFFFFFF
