/// The `/predict` linear model (http-api.md §7.6), configured by setting `predictor.weights`.
public struct PredictorSettings: Sendable, Hashable {
    /// At least one weight.
    public var weights: [Double]
    public var bias: Double
    /// ≥ 0.
    public var residualSigma: Double
    /// > 0; default 1.96.
    public var z: Double
    public var regime: Int64

    public init(weights: [Double], bias: Double, residualSigma: Double, z: Double = 1.96, regime: Int64 = 0) {
        self.weights = weights
        self.bias = bias
        self.residualSigma = residualSigma
        self.z = z
        self.regime = regime
    }
}
