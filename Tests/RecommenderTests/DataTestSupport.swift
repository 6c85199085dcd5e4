import Foundation
import Testing
@testable import Recommender

/// Where the real dataset samples are: `$PARETOREC_DATA`, else `<repo>/../shared/data`.
enum DataFiles {
    static let root: String = {
        if let env = ProcessInfo.processInfo.environment["PARETOREC_DATA"], !env.isEmpty { return env }
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return repo.deletingLastPathComponent().appendingPathComponent("shared/data").path
    }()
    /// Whether the samples are present (tests that need them are skipped otherwise).
    static let available = FileManager.default.fileExists(atPath: root + "/ecommerce/taobao_userbehavior_head84k.csv")
    static func path(_ relative: String) -> String { root + "/" + relative }

    static let taobao = path("ecommerce/taobao_userbehavior_head84k.csv")
    static let lastFM = path("music/hetrec2011_lastfm2k_user_artists.dat")
    static let audioscrobbler = path("music/audioscrobbler_user_artist_data_small.txt")
    static let kuaiRandVideos = path("video/kuairand_pure_video_features_basic_pure.csv")
    static let aliCCPTrain = path("ecommerce/ali_ccp_train_sample.csv")
    static let aliCCPTest = path("ecommerce/ali_ccp_test_sample.csv")
    static let aliExpressTrain = path("ecommerce/aliexpress_train_sample.csv")
}

/// Trait for tests that read the real samples.
let needsRealData = Testing.ConditionTrait.enabled(if: DataFiles.available,
    "real dataset samples not found at \(DataFiles.root) (set PARETOREC_DATA)")

/// Path of a hand-written fixture.
func fixture(_ name: String) throws -> String {
    let url = try #require(Bundle.module.url(forResource: "Fixtures/" + name, withExtension: nil))
    return url.path
}

/// A temporary file with `contents`, removed by the caller.
func temporaryFile(_ contents: String, suffix: String = ".csv") throws -> String {
    let path = NSTemporaryDirectory() + "paretorec-data-\(UUID().uuidString)\(suffix)"
    try contents.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}
