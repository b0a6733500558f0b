//! One module per subcommand: the glue that runs io → scale/pairing → analysis → report → io.

pub mod case;
pub mod compare;
pub mod factor;
pub mod help;
pub mod power;
pub mod reliability;
pub mod scale;
pub mod score;
