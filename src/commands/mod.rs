//! One module per subcommand: the glue that runs io → pairing → analysis → report → io.

pub mod compare;
