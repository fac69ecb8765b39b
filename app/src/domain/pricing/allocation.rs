//! Splitting an order-level amount (a 滿減, a coupon, points) across the order's lines in
//! proportion to what each line costs, in whole fen, so that a later refund of some lines gives
//! back exactly what was paid for them.
//!
//! The method is the largest remainder (Hamilton) method: each line first gets the whole fen of
//! its exact share, then the fen still to give go one each to the lines whose exact shares had
//! the largest fractions (ties to the earlier line). The shares add up to the amount exactly and
//! each is within one fen of the exact proportion.

/// `amount` fen split over lines weighted by `weights` (each line's total in fen, ≥ 0), one
/// share per weight, in the same order. When the weights add up to zero nothing can be split and
/// every share is 0. `amount` should not exceed the weights' sum (a discount never exceeds the
/// goods); when it does not, no share exceeds its line's weight.
pub fn pro_rata(amount: i64, weights: &[i64]) -> Vec<i64> {
    let total: i128 = weights.iter().map(|w| i128::from((*w).max(0))).sum();
    if total == 0 || amount == 0 {
        return vec![0; weights.len()];
    }
    let amount = i128::from(amount);
    // (whole fen, remainder numerator) of each exact share amount × weight / total.
    let exact: Vec<(i128, i128)> = weights
        .iter()
        .map(|w| {
            let product = amount * i128::from((*w).max(0));
            (product.div_euclid(total), product.rem_euclid(total))
        })
        .collect();
    let mut shares: Vec<i64> = exact.iter().map(|(whole, _)| *whole as i64).collect();
    let given: i128 = exact.iter().map(|(whole, _)| whole).sum();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    // Largest remainder first; the earlier line first among equals (a stable sort).
    order.sort_by(|a, b| exact[*b].1.cmp(&exact[*a].1));
    for index in order.into_iter().take((amount - given) as usize) {
        shares[index] += 1;
    }
    shares
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_follow_the_lines_and_add_up() {
        // ¥30 off ¥199.00 + ¥119.80: exact shares 1,872.65 and 1,127.35 fen.
        assert_eq!(pro_rata(3_000, &[19_900, 11_980]), vec![1_873, 1_127]);
        assert_eq!(pro_rata(100, &[1, 1, 1]), vec![34, 33, 33]);
        assert_eq!(pro_rata(2, &[1, 1, 1]), vec![1, 1, 0]);
        assert_eq!(pro_rata(500, &[1_000]), vec![500]);
        assert_eq!(pro_rata(0, &[5, 7]), vec![0, 0]);
        assert_eq!(pro_rata(10, &[0, 0]), vec![0, 0]);
        assert_eq!(pro_rata(10, &[]), Vec::<i64>::new());
        // A free line takes nothing.
        assert_eq!(pro_rata(10, &[0, 40]), vec![0, 10]);
    }

    proptest::proptest! {
        /// The shares add up to the amount exactly, each is within a fen of the exact
        /// proportion and never above its line, and the same input always gives the same split.
        #[test]
        fn shares_are_exact_fair_and_repeatable(
            weights in proptest::collection::vec(0i64..10_000_000, 1..20),
            fraction in 0u32..=1000,
        ) {
            let sum: i64 = weights.iter().sum();
            let amount = sum * i64::from(fraction) / 1000;
            let shares = pro_rata(amount, &weights);
            proptest::prop_assert_eq!(shares.len(), weights.len());
            if sum > 0 {
                proptest::prop_assert_eq!(shares.iter().sum::<i64>(), amount);
            }
            for (share, weight) in shares.iter().zip(&weights) {
                proptest::prop_assert!(*share >= 0 && share <= weight);
                if sum > 0 {
                    let exact = i128::from(amount) * i128::from(*weight);
                    let scaled = i128::from(*share) * i128::from(sum);
                    proptest::prop_assert!((scaled - exact).abs() < i128::from(sum));
                }
            }
            proptest::prop_assert_eq!(pro_rata(amount, &weights), shares);
        }
    }
}
