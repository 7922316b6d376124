/// The registers a SingleStepTests 8086 vector lists, by their JSON names.
public enum VectorRegister: String, CaseIterable, CodingKey, Sendable {
    case ax, bx, cx, dx, cs, ss, ds, es, sp, bp, si, di, ip, flags
}
