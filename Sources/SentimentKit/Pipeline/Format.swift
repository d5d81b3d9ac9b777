import Foundation

/// Number formats shared by the commands' tables.
public enum Format {
  /// 12500 as "12,500".
  public static func count(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var grouped = ""
    for (index, digit) in digits.enumerated() {
      if index > 0 && (digits.count - index) % 3 == 0 { grouped += "," }
      grouped.append(digit)
    }
    return value < 0 ? "-" + grouped : grouped
  }

  /// `value` with `places` decimals.
  public static func decimal(_ value: Double, places: Int = 2) -> String {
    String(format: "%.\(places)f", value)
  }

  /// `value` in scientific notation with `places` decimals and a short exponent: 3.6e-7, 1e-5.
  public static func scientific(_ value: Double, places: Int = 1) -> String {
    guard value.isFinite else { return "\(value)" }
    return String(format: "%.\(places)e", value)
      .replacingOccurrences(of: "e-0", with: "e-").replacingOccurrences(of: "e+0", with: "e+")
  }

  /// `text` padded with spaces to `width`, on the left when `right` (for numbers).
  public static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
    let fill = String(repeating: " ", count: max(0, width - text.count))
    return right ? fill + text : text + fill
  }
}
