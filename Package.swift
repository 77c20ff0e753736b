// swift-tools-version:6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "mosaic",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "mosaic", targets: ["mosaic"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/vapor/sql-kit", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit", from: "2.17.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .target(
            name: "MosaicCore",
            resources: [.process("Resources")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "MosaicSearch",
            dependencies: ["MosaicCore"],
            resources: [.process("Resources")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "MosaicStore",
            dependencies: [
                "MosaicCore",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Resources/sample")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "MosaicWeb",
            dependencies: [
                "MosaicCore", "MosaicSearch", "MosaicStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "mosaic",
            dependencies: [
                "MosaicCore", "MosaicSearch", "MosaicStore", "MosaicWeb",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: swiftSettings
        ),
        // libFuzzer targets (bench/fuzz.sh builds them with -sanitize=fuzzer; a plain build only compiles them).
        .executableTarget(
            name: "mosaic-fuzz",
            dependencies: ["MosaicCore", "MosaicWeb"],
            path: "bench/fuzz",
            exclude: ["corpus"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "mosaic-bench-search",
            dependencies: ["MosaicCore", "MosaicSearch"],
            path: "bench/search",
            swiftSettings: swiftSettings
        ),
        // Fixtures every test target shares: a temporary database, sample practices, a site with its
        // router, a browser with a cookie jar, an HTML reader.
        .target(
            name: "MosaicTestSupport",
            dependencies: [
                "MosaicWeb", "MosaicStore", "MosaicSearch", "MosaicCore",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            path: "Tests/MosaicTestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "MosaicCoreTests", dependencies: ["MosaicCore"], swiftSettings: swiftSettings),
        .testTarget(name: "MosaicSearchTests", dependencies: ["MosaicSearch", "MosaicCore"], swiftSettings: swiftSettings),
        .testTarget(name: "MosaicStoreTests", dependencies: ["MosaicStore", "MosaicCore", "MosaicTestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "MosaicWebTests",
            dependencies: [
                "MosaicWeb", "MosaicStore", "MosaicSearch", "MosaicCore", "MosaicTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            exclude: ["Golden", "Fixtures"],
            swiftSettings: swiftSettings
        ),
    ]
)
