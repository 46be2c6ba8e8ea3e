extension Double {
    /// To three decimals, as the records write scores, similarities and lifts: enough to order
    /// them, without digits that are only noise in a script.
    var thousandths: Double { (self * 1000).rounded() / 1000 }
}
