// swift-tools-version:6.3
// Aurora: a pre-trade risk gate. No Swift package dependencies, ever: only the toolchain, libyaml and libcurl.
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("NonisolatedNonsendingByDefault"),
    .treatAllWarnings(as: .error),
]

let package = Package(
    name: "Aurora",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "aurora", targets: ["aurora"]),
    ],
    dependencies: [],
    targets: [
        // MARK: - C shims
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(name: "CLinuxShims"),

        // MARK: - Libraries
        .target(name: "YAMLKit", dependencies: ["CYAML"], swiftSettings: swiftSettings),
        .target(name: "Codec", swiftSettings: swiftSettings),
        .target(name: "Wire", dependencies: ["Codec"], swiftSettings: swiftSettings),
        .target(name: "RuleEngine", dependencies: ["YAMLKit", "Codec"], swiftSettings: swiftSettings),
        .target(name: "Rules", dependencies: ["RuleEngine", "YAMLKit", "Codec"], swiftSettings: swiftSettings),
        .target(
            name: "Host",
            dependencies: ["RuleEngine", "YAMLKit", "Codec", "Wire", "CLinuxShims"],
            swiftSettings: swiftSettings
        ),
        .target(name: "Bot", dependencies: ["Wire", "YAMLKit", "Codec", "CCurl"], swiftSettings: swiftSettings),
        .target(
            name: "AuroraTesting",
            dependencies: ["RuleEngine", "YAMLKit", "Codec", "Wire", "Host"],
            swiftSettings: swiftSettings
        ),

        // MARK: - Executable
        .executableTarget(
            name: "aurora",
            dependencies: ["Rules", "Host", "Bot", "RuleEngine", "Wire", "YAMLKit", "Codec"],
            swiftSettings: swiftSettings
        ),

        // MARK: - Tests
        .testTarget(name: "YAMLKitTests", dependencies: ["YAMLKit"], swiftSettings: swiftSettings),
        .testTarget(name: "CodecTests", dependencies: ["Codec"], swiftSettings: swiftSettings),
        .testTarget(name: "WireTests", dependencies: ["Wire", "Codec"], swiftSettings: swiftSettings),
        .testTarget(
            name: "RuleEngineTests",
            dependencies: ["RuleEngine", "YAMLKit", "Codec", "AuroraTesting"],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RulesTests",
            dependencies: ["Rules", "RuleEngine", "YAMLKit", "Codec", "AuroraTesting"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HostTests",
            dependencies: ["Host", "RuleEngine", "Wire", "Codec", "YAMLKit", "AuroraTesting"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BotTests", dependencies: ["Bot", "Wire", "Codec", "YAMLKit", "AuroraTesting"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "auroraTests",
            dependencies: ["aurora", "Rules", "RuleEngine", "YAMLKit", "Codec"],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
    ]
)
