import SimCore

/// Go's `time.LoadLocation` over this machine's zone database, for a CronJob's `spec.timeZone`:
/// "" and "UTC" are UTC without a file, other names are read from `/usr/share/zoneinfo/<name>`
/// (kube-controller-manager carries Go's embedded copy of the same IANA database), and a name
/// without a file is Go's `unknown time zone <name>`.
enum ZoneDatabase {
    static let directory = "/usr/share/zoneinfo/"
    /// Far more than any zone file (the largest are a few KiB).
    static let maximumBytes = 1 << 20

    /// The zone called `name`, or Go's error message. `CronJobValidation` has already refused the
    /// names Go refuses outright, so `name` has no `..` and does not start with `/`.
    static func load(_ name: String) -> Result<UTCOffsets, LoadError> {
        switch UTCOffsets.LocationName(name) {
        case .utc: return .success(.utc)
        case .local, .invalid: return .failure(LoadError(message: UTCOffsets.LocationName.invalidMessage))
        case .database(let path):
            guard let bytes = InputText.bytes(ofFile: directory + path, limit: maximumBytes) else {
                return .failure(LoadError(message: UTCOffsets.LocationName.unknownMessage(name)))
            }
            do {
                return .success(try UTCOffsets(tzif: bytes))
            } catch {
                return .failure(LoadError(message: "\(error)"))
            }
        }
    }

    /// `CronJobValidation`'s question: nil when Go would load the zone, else its error.
    static func loadError(_ name: String) -> String? {
        if case .failure(let error) = load(name) { return error.message }
        return nil
    }

    /// The zone names beside where `name` would be (`Europe/Berln` → `Europe/Berlin`, …), for a
    /// "did you mean" hint.
    static func neighbours(of name: String) -> [String] {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        let folder = parts.dropLast().joined(separator: "/")
        let prefix = folder.isEmpty ? "" : folder + "/"
        return InputText.entries(ofFolder: directory + prefix).filter { $0.first?.isUppercase == true }.map { prefix + $0 }
    }

    /// Why a zone could not be loaded, in Go's words.
    struct LoadError: Error {
        let message: String
    }
}
