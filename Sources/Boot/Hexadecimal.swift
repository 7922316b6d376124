/// Lower-case hexadecimal digits of `value`, for messages.
func hex(_ value: some BinaryInteger) -> String { String(value, radix: 16) }
