/// kubesim's version and the upstream releases its algorithms follow.
public enum KubesimVersion {
    public static let current = "0.1.0"
    public static let kubernetes = "v1.32"
}
