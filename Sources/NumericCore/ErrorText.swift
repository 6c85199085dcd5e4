import Foundation

/// One-line, human wording of errors that Foundation reports as structured dumps
/// (`Error Domain=NSCocoaErrorDomain Code=… UserInfo={…}` or a `DecodingError` with its coding path).
public enum ErrorText {
    /// `text` with control characters (NUL, escape, newlines, DEL, C1 controls) shown as `\n`, `\t`,
    /// `\r` or `\u{…}`, so text taken from an input file cannot break or forge a one-line error.
    /// - Complexity: O(length).
    public static func escapingControlCharacters(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                    out += "\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// What failed, in words: for a Foundation file error "PATH: REASON", for a decoding error
    /// "at KEY.PATH: REASON", otherwise the error's own description (one line).
    public static func describe(_ error: any Error) -> String {
        if let decoding = error as? DecodingError { return describe(decoding) }
        if let cocoa = error as? CocoaError { return describe(cocoa) }
        if error is CustomStringConvertible { return firstLine("\(error)") }
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
        return firstLine(ns.localizedDescription)
    }

    /// A decoding error as "at KEY.PATH: what was wrong".
    public static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }
            return keys.isEmpty ? "at the top level" : "at \(keys.joined(separator: "."))"
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "\(path(context)): missing field '\(key.stringValue)'"
        case .valueNotFound(_, let context):
            return "\(path(context)): missing value"
        case .typeMismatch(let type, let context):
            return "\(path(context)): expected \(type)"
        case .dataCorrupted(let context):
            return "\(path(context)): \(firstLine(context.debugDescription))"
        @unknown default:
            return firstLine("\(error)")
        }
    }

    /// A Foundation file error as "PATH: REASON" (the path when Foundation recorded one).
    public static func describe(_ error: CocoaError) -> String {
        let file = (error.userInfo[NSFilePathErrorKey] as? String) ?? error.url?.path
        var reason: String
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            reason = String(cString: strerror(Int32(underlying.code)))
        } else {
            switch error.code {
            case .fileNoSuchFile, .fileReadNoSuchFile: reason = "no such file or directory"
            case .fileReadNoPermission, .fileWriteNoPermission: reason = "permission denied"
            case .fileWriteOutOfSpace: reason = "no space left on device"
            case .fileWriteFileExists: reason = "a file is in the way"
            case .fileReadCorruptFile: reason = "the file is corrupt or not in the expected format"
            case .fileReadInapplicableStringEncoding: reason = "the file is not valid text in the expected encoding"
            case .fileWriteVolumeReadOnly: reason = "read-only file system"
            default: reason = "file operation failed (code \(error.code.rawValue))"
            }
        }
        return file.map { "\($0): \(reason)" } ?? reason
    }

    private static func firstLine(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? text
    }
}
