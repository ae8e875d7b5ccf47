/// What an HPA metric aims at, in milli-units as upstream compares them (`MilliValue()`).
public enum MetricTarget: Sendable, Hashable {
    /// `averageUtilization`: percent of the pods' requests.
    case utilization(Int32)
    /// `averageValue`: per pod.
    case averageValue(Int64)
    /// `value`: in total.
    case value(Int64)
}

extension MetricTarget {
    var isAverageValue: Bool {
        if case .averageValue = self { return true }
        return false
    }
}

/// One entry of an HPA's `spec.metrics` (autoscaling/v2).
public enum HPAMetric: Sendable, Hashable {
    /// `type: Resource`: `cpu` or `memory` usage of the pods, from the resource metrics API.
    case resource(name: String, target: MetricTarget)
    /// `type: Pods`: a per-pod metric from the custom metrics API (kubesim serves a traffic
    /// source's request rate under its `metricName`); the target is an average value.
    case pods(metric: String, target: MetricTarget)
    /// `type: Object`: a metric of one object (kubesim serves a traffic source's total rate for
    /// the Service or Deployment it targets); the target is a value or an average value.
    case object(kind: String, name: String, metric: String, target: MetricTarget)
    /// `type: External`: a metric from outside the cluster (kubesim serves the total rate of the
    /// traffic sources with this `metricName`).
    case external(metric: String, target: MetricTarget)

    /// upstream's default when `spec.metrics` is empty: CPU at 80 % utilization.
    public static let defaultMetric = HPAMetric.resource(name: ResourceName.cpu, target: .utilization(80))
}

/// `HPAScalingPolicy`.
public struct HPAScalingPolicy: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case pods = "Pods"
        case percent = "Percent"
    }

    public var kind: Kind
    public var value: Int32
    public var periodSeconds: Int32

    public init(_ kind: Kind, value: Int32, periodSeconds: Int32) {
        self.kind = kind
        self.value = value
        self.periodSeconds = periodSeconds
    }
}

/// `selectPolicy`.
public enum HPASelectPolicy: String, Sendable, Hashable {
    case max = "Max"
    case min = "Min"
    case disabled = "Disabled"
}

/// `HPAScalingRules` with upstream's defaults filled in.
public struct HPAScalingRules: Sendable, Hashable {
    /// Nil only for scale-down, where the controller substitutes its
    /// `--horizontal-pod-autoscaler-downscale-stabilization` (300 s).
    public var stabilizationWindowSeconds: Int32?
    public var selectPolicy: HPASelectPolicy
    public var policies: [HPAScalingPolicy]

    public init(stabilizationWindowSeconds: Int32?, selectPolicy: HPASelectPolicy = .max, policies: [HPAScalingPolicy]) {
        self.stabilizationWindowSeconds = stabilizationWindowSeconds
        self.selectPolicy = selectPolicy
        self.policies = policies
    }

    /// upstream's scale-up defaults: no stabilization, the larger of 4 pods or 100 % per 15 s.
    public static let defaultScaleUp = HPAScalingRules(
        stabilizationWindowSeconds: 0,
        policies: [
            HPAScalingPolicy(.pods, value: 4, periodSeconds: 15), HPAScalingPolicy(.percent, value: 100, periodSeconds: 15),
        ])
    /// upstream's scale-down defaults: the controller's window, up to 100 % per 15 s.
    public static let defaultScaleDown = HPAScalingRules(
        stabilizationWindowSeconds: nil,
        policies: [
            HPAScalingPolicy(.percent, value: 100, periodSeconds: 15)
        ])
}

/// `spec.behavior` with every field defaulted (a nil behavior stays nil: the legacy path).
public struct HPABehavior: Sendable, Hashable {
    public var scaleUp: HPAScalingRules
    public var scaleDown: HPAScalingRules

    public init(scaleUp: HPAScalingRules = .defaultScaleUp, scaleDown: HPAScalingRules = .defaultScaleDown) {
        self.scaleUp = scaleUp
        self.scaleDown = scaleDown
    }
}

/// A `autoscaling/v2` HorizontalPodAutoscaler (a v1 one is converted on reading).
public struct HorizontalPodAutoscalerSpec: Sendable, Hashable {
    public var meta: ObjectMeta
    /// `scaleTargetRef`: kind and name in the HPA's namespace (a kind with a `/scale` subresource).
    public var targetKind: WorkloadKind
    public var targetName: String
    public var minReplicas: Int32
    public var maxReplicas: Int32
    public var metrics: [HPAMetric]
    public var behavior: HPABehavior?

    public init(
        meta: ObjectMeta, targetKind: WorkloadKind, targetName: String, minReplicas: Int32 = 1, maxReplicas: Int32,
        metrics: [HPAMetric] = [HPAMetric.defaultMetric], behavior: HPABehavior? = nil
    ) {
        self.meta = meta
        self.targetKind = targetKind
        self.targetName = targetName
        self.minReplicas = minReplicas
        self.maxReplicas = maxReplicas
        self.metrics = metrics
        self.behavior = behavior
    }

    /// The scale target.
    public var target: WorkloadReference { WorkloadReference(kind: targetKind, namespace: meta.namespace, name: targetName) }

    /// `Kind/namespace/name` of the scale target.
    public var targetPath: String { target.path }
}
