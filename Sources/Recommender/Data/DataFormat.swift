/// The dataset file formats a scenario can be built from; a protocol configuration names one
/// (`data.format`), and each maps to the scenario whose objectives it carries.
public enum DataFormat: String, Sendable, Equatable, CaseIterable, Codable {
    /// Taobao UserBehavior log (`EcommerceDataset.taobao`).
    case taobao
    /// HetRec Last.fm `user_artists.dat` (`MusicDataset.lastFM`).
    case lastFM = "lastfm"
    /// Audioscrobbler `user_artist_data.txt` (`MusicDataset.audioscrobbler`).
    case audioscrobbler
    /// KuaiRand interaction log (`VideoDataset.kuaiRandLog`).
    case kuaiRandLog = "kuairand-log"
    /// KuaiRand video features with simulated users (`VideoDataset.kuaiRandSimulated`).
    case kuaiRandVideos = "kuairand-videos"
    /// Ali-CCP impressions with click and purchase (`ImpressionSchemas.aliCCP`), ESMM's protocol.
    case aliCCP = "ali-ccp"
    /// AliExpress impressions with click and conversion (`ImpressionSchemas.aliExpress`), MTReclib's protocol.
    case aliExpress = "aliexpress"
    /// UCI census-income with income and marital status (`CensusIncomeLoader`), MMoE's protocol.
    case censusIncome = "census-income"

    /// The scenario the format's objectives belong to.
    public var kind: ScenarioKind {
        switch self {
        case .taobao, .aliCCP, .aliExpress: return .ecommerce
        case .lastFM, .audioscrobbler: return .music
        case .kuaiRandLog, .kuaiRandVideos: return .video
        case .censusIncome: return .census
        }
    }
}
