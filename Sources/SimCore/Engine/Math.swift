#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The natural logarithm, from the platform's C library (the standard library has none).
func naturalLog(_ value: Double) -> Double {
    log(value)
}

/// The cosine of an angle in radians, from the platform's C library.
func cosine(_ radians: Double) -> Double {
    cos(radians)
}

/// e raised to `value`, from the platform's C library.
func naturalExp(_ value: Double) -> Double {
    exp(value)
}
