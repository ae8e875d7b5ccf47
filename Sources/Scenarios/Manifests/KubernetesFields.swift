/// Field names of the Kubernetes v1.32 API objects kubesim reads. A name outside these lists is
/// not a Kubernetes field at all (kubectl would warn about it), so kubesim warns too; names in the
/// lists that kubesim does not model (env, volumes, ports, …) pass silently.
enum KubernetesFields {
    static let object = ["apiVersion", "kind", "metadata", "spec", "status"]
    static let metadata = [
        "name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation",
        "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations",
        "ownerReferences", "finalizers", "managedFields",
    ]
    static let podSpec = [
        "volumes", "initContainers", "containers", "ephemeralContainers", "restartPolicy",
        "terminationGracePeriodSeconds", "activeDeadlineSeconds", "dnsPolicy", "nodeSelector", "serviceAccountName",
        "serviceAccount", "automountServiceAccountToken", "nodeName", "hostNetwork", "hostPID", "hostIPC",
        "shareProcessNamespace", "securityContext", "imagePullSecrets", "hostname", "subdomain", "affinity",
        "schedulerName", "tolerations", "hostAliases", "priorityClassName", "priority", "dnsConfig", "readinessGates",
        "runtimeClassName", "enableServiceLinks", "preemptionPolicy", "overhead", "topologySpreadConstraints",
        "setHostnameAsFQDN", "os", "hostUsers", "schedulingGates", "resourceClaims", "resources",
    ]
    static let container = [
        "name", "image", "command", "args", "workingDir", "ports", "envFrom", "env", "resources", "resizePolicy",
        "restartPolicy", "volumeMounts", "volumeDevices", "livenessProbe", "readinessProbe", "startupProbe",
        "lifecycle", "terminationMessagePath", "terminationMessagePolicy", "imagePullPolicy", "securityContext",
        "stdin", "stdinOnce", "tty",
    ]
    static let resources = ["limits", "requests", "claims"]
    static let podTemplate = ["metadata", "spec"]
    static let deploymentSpec = [
        "replicas", "selector", "template", "strategy", "minReadySeconds", "revisionHistoryLimit", "paused",
        "progressDeadlineSeconds",
    ]
    static let replicaSetSpec = ["replicas", "minReadySeconds", "selector", "template"]
    static let strategy = ["type", "rollingUpdate"]
    static let rollingUpdate = ["maxSurge", "maxUnavailable"]
    static let labelSelector = ["matchLabels", "matchExpressions"]
    static let requirement = ["key", "operator", "values"]
    static let toleration = ["key", "operator", "value", "effect", "tolerationSeconds"]
    static let taint = ["key", "value", "effect", "timeAdded"]
    static let affinity = ["nodeAffinity", "podAffinity", "podAntiAffinity"]
    static let nodeAffinity = ["requiredDuringSchedulingIgnoredDuringExecution", "preferredDuringSchedulingIgnoredDuringExecution"]
    static let nodeSelector = ["nodeSelectorTerms"]
    static let nodeSelectorTerm = ["matchExpressions", "matchFields"]
    static let preferredTerm = ["weight", "preference"]
    static let nodeSpec = ["podCIDR", "podCIDRs", "providerID", "unschedulable", "taints", "configSource", "externalID"]
    static let podAffinity = ["requiredDuringSchedulingIgnoredDuringExecution", "preferredDuringSchedulingIgnoredDuringExecution"]
    static let podAffinityTerm = ["labelSelector", "namespaces", "namespaceSelector", "topologyKey", "matchLabelKeys", "mismatchLabelKeys"]
    static let weightedPodAffinityTerm = ["weight", "podAffinityTerm"]
    static let topologySpreadConstraint = [
        "maxSkew", "topologyKey", "whenUnsatisfiable", "labelSelector", "minDomains",
        "nodeAffinityPolicy", "nodeTaintsPolicy", "matchLabelKeys",
    ]
    static let containerPort = ["name", "hostPort", "containerPort", "protocol", "hostIP"]
    static let schedulingGate = ["name"]
    static let serviceSpec = [
        "ports", "selector", "clusterIP", "clusterIPs", "type", "externalIPs", "sessionAffinity", "loadBalancerIP",
        "loadBalancerSourceRanges", "externalName", "externalTrafficPolicy", "healthCheckNodePort",
        "publishNotReadyAddresses", "sessionAffinityConfig", "ipFamilies", "ipFamilyPolicy", "allocateLoadBalancerNodePorts",
        "loadBalancerClass", "internalTrafficPolicy", "trafficDistribution",
    ]
    static let priorityClass = ["apiVersion", "kind", "metadata", "value", "globalDefault", "description", "preemptionPolicy"]
    static let disruptionBudgetSpec = ["minAvailable", "maxUnavailable", "selector", "unhealthyPodEvictionPolicy"]
    static let nodeStatus = [
        "capacity", "allocatable", "phase", "conditions", "addresses", "daemonEndpoints", "nodeInfo", "images",
        "volumesInUse", "volumesAttached", "config", "runtimeHandlers", "features",
    ]
}

extension KubernetesFields {
    static let probe = [
        "exec", "httpGet", "tcpSocket", "grpc", "initialDelaySeconds", "timeoutSeconds", "periodSeconds",
        "successThreshold", "failureThreshold", "terminationGracePeriodSeconds",
    ]
    static let hpaSpec = ["scaleTargetRef", "minReplicas", "maxReplicas", "metrics", "behavior"]
    static let hpaSpecV1 = ["scaleTargetRef", "minReplicas", "maxReplicas", "targetCPUUtilizationPercentage"]
    static let objectReference = ["apiVersion", "kind", "name"]
    static let metricSpec = ["type", "object", "pods", "resource", "containerResource", "external"]
    static let resourceMetricSource = ["name", "target"]
    static let podsMetricSource = ["metric", "target"]
    static let objectMetricSource = ["describedObject", "metric", "target"]
    static let metricIdentifier = ["name", "selector"]
    static let metricTarget = ["type", "value", "averageValue", "averageUtilization"]
    static let behavior = ["scaleUp", "scaleDown"]
    static let scalingRules = ["stabilizationWindowSeconds", "selectPolicy", "policies"]
    static let scalingPolicy = ["type", "value", "periodSeconds"]
}

extension KubernetesFields {
    static let daemonSetSpec = ["selector", "template", "updateStrategy", "minReadySeconds", "revisionHistoryLimit", "templateGeneration"]
    static let daemonSetUpdateStrategy = ["type", "rollingUpdate"]
    static let daemonSetRollingUpdate = ["maxUnavailable", "maxSurge"]
    static let statefulSetSpec = [
        "replicas", "selector", "template", "volumeClaimTemplates", "serviceName", "podManagementPolicy", "updateStrategy",
        "revisionHistoryLimit", "minReadySeconds", "persistentVolumeClaimRetentionPolicy", "ordinals",
    ]
    static let statefulSetUpdateStrategy = ["type", "rollingUpdate"]
    static let statefulSetRollingUpdate = ["partition", "maxUnavailable"]
    static let jobSpec = [
        "parallelism", "completions", "activeDeadlineSeconds", "podFailurePolicy", "successPolicy", "backoffLimit", "backoffLimitPerIndex",
        "maxFailedIndexes", "selector", "manualSelector", "template", "ttlSecondsAfterFinished", "completionMode", "suspend",
        "podReplacementPolicy", "managedBy",
    ]
    static let cronJobSpec = [
        "schedule", "timeZone", "startingDeadlineSeconds", "concurrencyPolicy", "suspend", "jobTemplate", "successfulJobsHistoryLimit",
        "failedJobsHistoryLimit",
    ]
    static let jobTemplate = ["metadata", "spec"]
}

extension KubernetesFields {
    static let resourceQuotaSpec = ["hard", "scopes", "scopeSelector"]
    static let scopeSelector = ["matchExpressions"]
    static let scopedRequirement = ["scopeName", "operator", "values"]
    static let limitRangeSpec = ["limits"]
    static let limitRangeItem = ["type", "max", "min", "default", "defaultRequest", "maxLimitRequestRatio"]
}

extension KubernetesFields {
    static let storageClass = [
        "apiVersion", "kind", "metadata", "provisioner", "parameters", "reclaimPolicy", "mountOptions", "allowVolumeExpansion",
        "volumeBindingMode", "allowedTopologies",
    ]
    static let topologySelectorTerm = ["matchLabelExpressions"]
    static let topologyRequirement = ["key", "values"]
    static let persistentVolumeSpec = [
        "capacity", "accessModes", "claimRef", "persistentVolumeReclaimPolicy", "storageClassName", "mountOptions", "volumeMode",
        "nodeAffinity", "volumeAttributesClassName", "csi", "hostPath", "local", "nfs", "awsElasticBlockStore", "gcePersistentDisk",
        "azureDisk", "azureFile", "cephfs", "fc", "iscsi", "rbd", "cinder", "flexVolume", "portworxVolume", "vsphereVolume",
    ]
    static let volumeNodeAffinity = ["required"]
    static let persistentVolumeClaimSpec = [
        "accessModes", "selector", "resources", "volumeName", "storageClassName", "volumeMode", "dataSource", "dataSourceRef",
        "volumeAttributesClassName",
    ]
}
