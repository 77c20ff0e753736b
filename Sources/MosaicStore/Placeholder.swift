import MosaicCore
import SQLKit
import SQLiteKit
