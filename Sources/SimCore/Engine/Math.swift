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
