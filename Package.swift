// swift-tools-version: 6.1
//
// ParetoRec — Pareto multi-objective optimization of recommender systems.
// Module layering (see README and DESIGN): CNumerics → NumericCore → {ParetoCore → ParetoOptimizers,
// Recommender} → Scenarios → paretorec.
import PackageDescription

let package = Package(
    name: "ParetoRec",
    products: [
        .library(name: "NumericCore", targets: ["NumericCore"]),
        .library(name: "ParetoCore", targets: ["ParetoCore"]),
        .library(name: "ParetoOptimizers", targets: ["ParetoOptimizers"]),
        .library(name: "Recommender", targets: ["Recommender"]),
        .library(name: "Scenarios", targets: ["Scenarios"]),
        .executable(name: "paretorec", targets: ["paretorec"]),
        .executable(name: "paretorec-bench", targets: ["ParetoBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-protobuf.git", from: "1.39.0"),
    ],
    targets: [
        // One system library over Debian's libopenblas-dev, liblapacke-dev and libgsl-dev.
        .systemLibrary(
            name: "CNumerics",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev", "libgsl-dev"])]
        ),
        .target(name: "NumericCore", dependencies: ["CNumerics"]),
        .target(name: "ParetoCore", dependencies: ["NumericCore"]),
        .target(name: "ParetoOptimizers", dependencies: ["ParetoCore", "NumericCore", "CNumerics"]),
        .target(name: "Recommender", dependencies: ["NumericCore", "CNumerics", .product(name: "Yams", package: "Yams")]),
        // TensorBoard event files (TFRecord framing, Event/Summary messages generated from Proto/event.proto).
        .target(
            name: "TensorBoardEvents",
            dependencies: [.product(name: "SwiftProtobuf", package: "swift-protobuf")],
            exclude: ["Proto"]
        ),
        .target(
            name: "Scenarios",
            dependencies: ["ParetoOptimizers", "Recommender", "ParetoCore", "NumericCore", "TensorBoardEvents",
                           .product(name: "Yams", package: "Yams")]
        ),
        .executableTarget(
            name: "paretorec",
            dependencies: [
                "Scenarios", "ParetoOptimizers", "ParetoCore", "Recommender", "NumericCore", "TensorBoardEvents",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "ParetoBench",
            dependencies: ["ParetoCore", "ParetoOptimizers", "Recommender", "NumericCore", "Scenarios", "TensorBoardEvents"]
        ),
        .testTarget(name: "NumericCoreTests", dependencies: ["NumericCore", .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(
            name: "ParetoCoreTests",
            dependencies: ["ParetoCore", "NumericCore", .product(name: "PropertyBased", package: "swift-property-based")],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "ParetoOptimizersTests",
            dependencies: ["ParetoOptimizers", "ParetoCore", "NumericCore", .product(name: "PropertyBased", package: "swift-property-based")],
            resources: [.copy("Fixtures")]
        ),
        // Slow stochastic quality bars (NSGA-II and SMPSO vs pymoo/pygmo medians); run with
        // `swift test --filter ParetoOptimizersAcceptanceTests`, preferably with `-c release`.
        .testTarget(
            name: "ParetoOptimizersAcceptanceTests",
            dependencies: ["ParetoOptimizers", "ParetoCore", "NumericCore"],
            resources: [.copy("Fixtures")]
        ),
        // Reads the event files back with TensorBoard's own Python loader (skipped when python3 lacks `tensorboard`).
        .testTarget(name: "TensorBoardEventsTests", dependencies: ["TensorBoardEvents"], resources: [.copy("Scripts")]),
        .testTarget(name: "RecommenderTests", dependencies: ["Recommender", "NumericCore"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ScenariosTests", dependencies: ["Scenarios", "ParetoOptimizers", "ParetoCore", "NumericCore"], resources: [.copy("Fixtures")]),
        // End-to-end tests that run the built `paretorec` executable (the dependency makes `swift test` build it).
        .testTarget(name: "CLITests", dependencies: ["paretorec"]),
    ]
)
